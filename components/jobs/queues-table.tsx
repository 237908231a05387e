import { DataTable } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import type { QueueRow } from "@/lib/jobs/admin";

const columns = ["Queue", "Schedule", "Waiting", "Running", "Failed", "Last run"] as const;

export function QueuesTable({ queues }: { queues: QueueRow[] }) {
  return (
    <DataTable caption="Queues" columns={columns}>
      {queues.map((queue) => (
        <tr key={queue.name} data-testid="queue-row" data-queue={queue.name}>
          <td className="max-w-md px-4 py-2">
            <span className="font-medium">{queue.label}</span>{" "}
            <code className="text-xs text-slate-500 dark:text-slate-400">{queue.name}</code>
            <p className="text-xs text-slate-600 dark:text-slate-400">{queue.description}</p>
          </td>
          <td className="px-4 py-2">
            {queue.schedule ? (
              <>
                {queue.schedule.words}{" "}
                <code className="text-xs text-slate-500 dark:text-slate-400">{queue.schedule.cron}</code>
              </>
            ) : (
              <span className="text-slate-600 dark:text-slate-400">When there is work</span>
            )}
          </td>
          <td className="px-4 py-2 tabular-nums">{queue.counts.created + queue.counts.retry}</td>
          <td className="px-4 py-2 tabular-nums">{queue.counts.active}</td>
          <td className="px-4 py-2 tabular-nums">{queue.counts.failed}</td>
          <td className="px-4 py-2">
            {queue.lastRun ? (
              <>
                {queue.lastRun.state === "failed" ? "Failed" : "Completed"}{" "}
                <span className="text-xs text-slate-600 dark:text-slate-400">{formatDateTime(queue.lastRun.at)}</span>
              </>
            ) : (
              "Not yet"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
