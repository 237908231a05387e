// A red banner on every page while an emergency procedure runs, so nobody misses an open
// incident. A server component without props: it reads the runs itself, and renders
// nothing for a signed-out visitor or when no run is active.
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { listActiveRuns } from "@/lib/procedures/queries";

export async function ActiveRunsBanner() {
  if (!(await getCurrentUser())) return null;
  const runs = await listActiveRuns();
  if (runs.length === 0) return null;
  return (
    <aside aria-label="Active procedure runs" className="bg-red-700 text-white dark:bg-red-800">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2 text-sm">
        <strong className="font-semibold">
          <span aria-hidden="true">🚨 </span>
          {runs.length === 1 ? "1 emergency procedure is running:" : `${runs.length} emergency procedures are running:`}
        </strong>
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {runs.map((run) => (
            <li key={run.id}>
              <Link
                href={`/procedures/${run.id}`}
                className="font-medium underline underline-offset-2 hover:no-underline"
              >
                {run.severity} · {run.title}
              </Link>{" "}
              <span className="text-red-100">
                ({run.pending} step{run.pending === 1 ? "" : "s"} pending)
              </span>
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
