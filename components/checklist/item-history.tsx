"use client";

import { useQuery } from "@tanstack/react-query";
import { readItemHistoryAction } from "@/app/(app)/deployments/actions";
import { plainText } from "@/lib/checklists/plain-text";
import { describeEvent, type ItemHistory } from "@/lib/deployments/item-history-view";
import { formatDateTime, sentence } from "@/lib/format";

export const itemHistoryKey = (deploymentId: string, itemKey: string) =>
  ["item-history", deploymentId, itemKey] as const;

/**
 * Who changed what on one item, and when: read when the details open, and again whenever the
 * item's version moves (anyone's change, seen by the checklist's refetch, bumps it).
 */
export function ItemHistoryList({
  deploymentId,
  itemKey,
  itemText,
  version,
}: {
  deploymentId: string;
  itemKey: string;
  itemText: string;
  version: number;
}) {
  const history = useQuery({
    queryKey: [...itemHistoryKey(deploymentId, itemKey), version],
    queryFn: async (): Promise<ItemHistory> => {
      const result = await readItemHistoryAction({ deploymentId, itemKey });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    // The previous version's history stays on screen while the new one loads.
    placeholderData: (previous) => previous,
  });
  const headingId = `history-${itemKey}`;

  return (
    <section aria-labelledby={headingId} data-item-history className="sm:col-span-2">
      <h3 id={headingId} className="font-medium">
        History
      </h3>
      {history.isPending ? (
        <p className="text-slate-600 dark:text-slate-400">Loading the history…</p>
      ) : history.isError ? (
        <p role="alert" className="text-red-700 dark:text-red-400">
          Could not load the history: {history.error.message}
        </p>
      ) : history.data.events.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">No changes yet.</p>
      ) : (
        <ol className="mt-1 space-y-1">
          {history.data.events.map((event) => (
            <li key={event.id} className="text-slate-700 dark:text-slate-300">
              <time dateTime={event.at} className="text-xs text-slate-600 dark:text-slate-400">
                {formatDateTime(event.at)}
              </time>{" "}
              <span className="break-words">{sentence(describeEvent(event))}</span>
              {event.itemText !== itemText ? (
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {" "}
                  (the item then read “{plainText(event.itemText)}”)
                </span>
              ) : null}
            </li>
          ))}
          {history.data.truncated ? (
            <li className="text-xs text-slate-600 dark:text-slate-400">Older changes are not shown.</li>
          ) : null}
        </ol>
      )}
    </section>
  );
}
