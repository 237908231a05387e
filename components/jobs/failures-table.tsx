import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { RetryJobButton } from "@/components/jobs/retry-job-button";
import { formatDateTime } from "@/lib/format";
import type { FailedJob } from "@/lib/jobs/admin";

const columns = ["Job", "About", "Error", "Runs", "Failed", "Actions"] as const;

export function FailuresTable({ failures }: { failures: FailedJob[] }) {
  return (
    <DataTable caption="Recent failures" columns={columns} dense>
      {failures.map((job) => (
        <tr key={job.id} data-testid="failed-job" data-job-id={job.id}>
          <td className="px-3 py-2">
            <span className="font-medium">{job.label}</span>
            <p className="break-all font-mono text-xs text-slate-500 dark:text-slate-400">{job.id}</p>
          </td>
          <td className="max-w-xs break-words px-3 py-2 text-xs">
            {job.subject ? (
              <Link href={job.subject.href} className="text-brand-700 underline hover:no-underline dark:text-brand-300">
                {job.subject.text}
              </Link>
            ) : (
              "—"
            )}
          </td>
          <td className="max-w-sm break-words px-3 py-2 text-xs" data-testid="job-error">
            {job.error}
          </td>
          <td className="px-3 py-2 tabular-nums">{job.runs}</td>
          <td className="px-3 py-2">{formatDateTime(job.failedAt)}</td>
          <td className="px-3 py-2">
            <RetryJobButton queue={job.queue} jobId={job.id} label={job.label} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
