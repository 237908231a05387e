import { LoadingRegion, Skeleton } from "@/components/ui/skeleton";

/** The checklist's shape: heading and actions, the status line, the item filters and the
 * section cards with their rows (the printable record below this segment shares it). */
export default function DeploymentLoading() {
  return (
    <LoadingRegion label="the deployment">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div className="flex-1">
          <Skeleton className="mb-2 h-8 w-72" />
          <Skeleton className="h-4 w-full max-w-2xl" />
        </div>
        <Skeleton className="h-9 w-36 rounded-md" />
      </div>
      <Skeleton className="mb-4 h-5 w-48 rounded-md" />
      <Skeleton className="mb-4 h-8 w-full max-w-md rounded-md" />
      <div className="space-y-4">
        {[6, 4, 3].map((rows, section) => (
          <div key={section} className="rounded-xl border border-slate-200 p-4 dark:border-slate-800">
            <Skeleton className="mb-3 h-5 w-56 rounded-md" />
            <div className="space-y-2">
              {Array.from({ length: rows }, (_, row) => (
                <Skeleton key={row} className="h-8 rounded-md" />
              ))}
            </div>
          </div>
        ))}
      </div>
    </LoadingRegion>
  );
}
