"use client";

import { finishRunAction } from "@/app/(app)/procedures/actions";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";

/** "Finish run": the server refuses it (409, with how many steps are pending) until every step is settled. */
export function FinishRunButton({ runId, pendingSteps }: { runId: string; pendingSteps: number }) {
  const { run, pending, error } = useServerAction({
    action: () => finishRunAction({ runId }),
    success: "Run finished",
  });
  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        className={buttonStyles.primary}
        aria-describedby={pendingSteps ? "finish-hint" : undefined}
        onClick={() => void run()}
      >
        {pending ? "Finishing…" : "Finish run"}
      </button>
      {pendingSteps ? (
        <span id="finish-hint" className="text-xs text-slate-600 dark:text-slate-400">
          {pendingSteps} step{pendingSteps === 1 ? "" : "s"} still pending
        </span>
      ) : null}
      {error ? (
        <p role="alert" className="max-w-sm text-right text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}
