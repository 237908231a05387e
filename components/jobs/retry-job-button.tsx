"use client";

import { retryJobAction } from "@/app/(app)/admin/jobs/actions";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { QueueName } from "@/lib/jobs/queues";

export function RetryJobButton({ queue, jobId, label }: { queue: QueueName; jobId: string; label: string }) {
  const { run, pending } = useServerAction({
    action: () => retryJobAction({ queue, jobId }),
    success: "Queued again: a runner takes it within a few seconds.",
    toastFailure: true,
  });

  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => void run()}
      className={buttonStyles.secondary}
      aria-label={`Retry the ${label.toLowerCase()} job ${jobId}`}
    >
      Retry
    </button>
  );
}
