"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { moveToLatestVersionAction } from "@/app/(app)/deployments/actions";
import { checklistKey } from "@/components/checklist/use-checklist";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { plainText } from "@/lib/checklists/plain-text";
import type { MoveResult } from "@/lib/deployments/move-to-latest";

type Props = { deploymentId: string; currentVersion: number; latestVersion: number; canMove: boolean };

/** Names a toast can hold; the summary below the button lists the rest. */
const TOAST_NAMES = 3;
/** Names per list shown at once in the summary; a template of thousands stays readable. */
const SUMMARY_NAMES = 50;

const lists = [
  { key: "kept", title: "Kept (unchanged)" },
  { key: "reset", title: "Reset because they changed" },
  { key: "added", title: "Added" },
  { key: "removed", title: "Removed" },
] as const;

function counts(result: MoveResult): string {
  return `${result.kept.length} kept, ${result.reset.length} reset because they changed, ${result.added.length} added, ${result.removed.length} removed`;
}

function toastOf(result: MoveResult): string {
  const named = (["reset", "added", "removed"] as const)
    .filter((key) => result[key].length)
    .map((key) => {
      const names = result[key].slice(0, TOAST_NAMES).map(plainText).join(", ");
      const more = result[key].length > TOAST_NAMES ? `, …${result[key].length - TOAST_NAMES} more` : "";
      return `${key === "reset" ? "Reset" : key === "added" ? "Added" : "Removed"}: ${names}${more}.`;
    });
  return [`Moved to version ${result.toVersion}: ${counts(result)}.`, ...named].join(" ");
}

/** Offers the move while the deployment is behind; after a move, keeps showing what changed. */
export function MoveToLatestButton({ deploymentId, currentVersion, latestVersion, canMove }: Props) {
  const queryClient = useQueryClient();
  const [result, setResult] = useState<MoveResult | null>(null);
  const move = useServerAction({
    action: () => moveToLatestVersionAction({ deploymentId }),
    success: toastOf,
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
          Moved from v{result.fromVersion} to v{result.toVersion}: {counts(result)}.
        </p>
        {result.reset.length ? (
          <p className="mt-1 text-slate-700 dark:text-slate-300">
            Reset items are open again; what they held under v{result.fromVersion}, if anything, is shown beside them.
          </p>
        ) : null}
        {lists.map(({ key, title }) =>
          result[key].length ? <ChangeList key={key} title={title} items={result[key]} open={key !== "kept"} /> : null,
        )}
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

function ChangeList({ title, items, open }: { title: string; items: string[]; open: boolean }) {
  const shown = items.slice(0, SUMMARY_NAMES);
  return (
    <details className="mt-1" open={open}>
      <summary className="cursor-pointer font-medium">
        {title} ({items.length})
      </summary>
      <ul className="list-disc pl-5">
        {shown.map((text, index) => (
          <li key={index}>{plainText(text)}</li>
        ))}
        {items.length > shown.length ? <li>…and {items.length - shown.length} more</li> : null}
      </ul>
    </details>
  );
}
