"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { moveToLatestVersionAction } from "@/app/(app)/deployments/actions";
import { checklistKey } from "@/components/checklist/use-checklist";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { MoveResult } from "@/lib/deployments/move-to-latest";

type Props = { deploymentId: string; currentVersion: number; latestVersion: number; canMove: boolean };

/** Offers the move while the deployment is behind; after a move, keeps showing what changed. */
export function MoveToLatestButton({ deploymentId, currentVersion, latestVersion, canMove }: Props) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<MoveResult | null>(null);
  const move = useServerAction({
    action: () => moveToLatestVersionAction({ deploymentId }),
    success: (moved) => `Moved to version ${moved.toVersion}; ${moved.carried} item states kept.`,
    toastFailure: true,
    // The checklist query first, then the server-rendered page around it.
    onSuccess: async (moved) => {
      setResult(moved);
      await queryClient.invalidateQueries({ queryKey: checklistKey(deploymentId) });
    },
  });

  if (result) {
    return (
      <div
        role="status"
        className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
      >
        <p className="font-medium">
          Moved from v{result.fromVersion} to v{result.toVersion}: {result.carried} item states kept,{" "}
          {result.added.length} added, {result.removed.length} removed.
        </p>
        {result.added.length ? <ChangeList title="Added" items={result.added} /> : null}
        {result.removed.length ? <ChangeList title="Removed" items={result.removed} /> : null}
      </div>
    );
  }
  if (!canMove || currentVersion >= latestVersion) return null;
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      <span>Version {latestVersion} of this template is available.</span>
      <button type="button" className={buttonStyles.secondary} disabled={move.pending} onClick={() => void move.run()}>
        {move.pending ? "Moving…" : "Move to the latest version"}
      </button>
    </div>
  );
}

function ChangeList({ title, items }: { title: string; items: string[] }) {
  return (
    <div className="mt-1">
      <span className="font-medium">{title}:</span>
      <ul className="list-disc pl-5">
        {items.map((text, index) => (
          <li key={index}>{text}</li>
        ))}
      </ul>
    </div>
  );
}
