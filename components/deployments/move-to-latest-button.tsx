"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { moveToLatestVersionAction } from "@/app/(app)/deployments/actions";
import { buttonStyles } from "@/components/ui/styles";
import type { MoveResult } from "@/lib/deployments/move-to-latest";

type Props = { deploymentId: string; currentVersion: number; latestVersion: number; canMove: boolean };

/** Offers the move while the deployment is behind; after a move, keeps showing what changed. */
export function MoveToLatestButton({ deploymentId, currentVersion, latestVersion, canMove }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<MoveResult | null>(null);

  async function move() {
    setPending(true);
    const outcome = await moveToLatestVersionAction({ deploymentId });
    setPending(false);
    if (!outcome.ok) {
      toast.error(outcome.error);
      return;
    }
    setResult(outcome.data);
    toast.success(`Moved to version ${outcome.data.toVersion}; ${outcome.data.carried} item states kept.`);
    await queryClient.invalidateQueries({ queryKey: ["checklist", deploymentId] });
    router.refresh();
  }

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
      <button type="button" className={buttonStyles.secondary} disabled={pending} onClick={move}>
        {pending ? "Moving…" : "Move to the latest version"}
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
