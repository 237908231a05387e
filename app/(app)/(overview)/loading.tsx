import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** The overview's shape: heading, the five count cards, the filter bar and the table. */
export default function OverviewLoading() {
  return (
    <LoadingRegion label="the overview">
      <Skeleton className="mb-2 h-8 w-64" />
      <Skeleton className="mb-6 h-4 w-full max-w-xl" />
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <Skeleton key={index} className="h-20" />
        ))}
      </div>
      <Skeleton className="mb-4 h-10" />
      <div className="space-y-2">
        {Array.from({ length: 8 }, (_, index) => (
          <Skeleton key={index} className="h-12 rounded-md" />
        ))}
      </div>
    </LoadingRegion>
  );
}
