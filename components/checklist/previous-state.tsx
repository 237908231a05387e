import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { ExternalLink } from "@/components/ui/external-link";
import type { PreviousItemState } from "@/lib/deployments/item-state-view";

const statusWords: Record<PreviousItemState["status"], string> = {
  OPEN: "Open",
  DONE: "Done",
  NOT_APPLICABLE: "Not applicable",
};

/** What a reworded or moved item held under the version the deployment moved from: shown
 * read-only, so the team can redo it knowingly; it counts for nothing (not in the digest). */
export function PreviousStateNote({ previous, currentText }: { previous: PreviousItemState; currentText: string }) {
  return (
    <div
      data-previous-state
      className="mt-1 rounded border-l-2 border-slate-300 bg-slate-50 px-2 py-1 text-xs text-slate-700 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-300"
    >
      <p>
        <span className="font-semibold">From version {previous.templateVersion}:</span> {statusWords[previous.status]}
        {previous.status === "NOT_APPLICABLE" && previous.naReason ? ` (${previous.naReason})` : ""}
        {previous.note ? ` — ${previous.note}` : ""}
      </p>
      {previous.text !== currentText ? (
        <p>
          It read: <InlineMarkdown text={previous.text} />
        </p>
      ) : null}
      {previous.evidenceLinks.length ? (
        <ul>
          {previous.evidenceLinks.map((link) => (
            <li key={link}>
              <ExternalLink href={link}>{link}</ExternalLink>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
