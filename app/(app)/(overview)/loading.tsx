import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";
import { deploymentCards, otherCards } from "@/lib/overview/cards";

/** The overview's shape: heading, the count cards (lib/overview/cards.ts), the filter bar and the table. */
export default function OverviewLoading() {
  return (
    <LoadingRegion label="the overview">
      <Skeleton className="mb-2 h-8 w-64" />
      <Skeleton className="mb-6 h-4 w-full max-w-xl" />
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: deploymentCards.length + otherCards.length }, (_, index) => (
          <Skeleton key={index} className="h-24" />
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
