import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { cardStyles } from "@/components/ui/styles";
import { isEmptyDiff, type VersionDiff } from "@/lib/templates/diff";

export function VersionDiffView({ diff, fromVersion }: { diff: VersionDiff; fromVersion: number }) {
  return (
    <section aria-labelledby="diff-heading" className={`${cardStyles} p-4`}>
      <h2 id="diff-heading" className="text-base font-semibold">
        Changes since version {fromVersion}
      </h2>
      {isEmptyDiff(diff) ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Only the review interval changed.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {diff.title ? (
            <li>
              Renamed from “{diff.title.from}” to “{diff.title.to}”
            </li>
          ) : null}
          {diff.approverGroup ? (
            <Change
              sign="~"
              text={`Whole checklist: approver group ${diff.approverGroup.from ?? "none"} → ${diff.approverGroup.to ?? "none"}`}
            />
          ) : null}
          {diff.sectionsAdded.map((title) => (
            <Change key={`sa-${title}`} sign="+" text={`Section “${title}” added`} />
          ))}
          {diff.sectionsRemoved.map((title) => (
            <Change key={`sr-${title}`} sign="−" text={`Section “${title}” removed`} />
          ))}
          {diff.sectionsChanged.map((s) => (
            <Change key={`sc-${s.title}`} sign="~" text={`Section “${s.title}”: ${s.changes.join(", ")}`} />
          ))}
          {diff.itemsAdded.map((item, i) => (
            <Change key={`ia-${i}`} sign="+" section={item.section} markdown={item.text} />
          ))}
          {diff.itemsRemoved.map((item, i) => (
            <Change key={`ir-${i}`} sign="−" section={item.section} markdown={item.text} />
          ))}
          {diff.itemsChanged.map((item, i) => (
            <Change key={`ic-${i}`} sign="~" section={item.section} markdown={`${item.from} → ${item.to}`} />
          ))}
          {diff.itemsMoved.map((item, i) => (
            <Change key={`im-${i}`} sign="↕" section={item.section} markdown={item.text} />
          ))}
          {diff.itemsDetailsChanged.map((item, i) => (
            <Change key={`id-${i}`} sign="~" section={item.section} markdown={item.text} note="details edited" />
          ))}
        </ul>
      )}
    </section>
  );
}

const signStyles: Record<string, string> = {
  "+": "text-emerald-700 dark:text-emerald-400",
  "−": "text-red-700 dark:text-red-400",
  "~": "text-amber-700 dark:text-amber-300",
  "↕": "text-slate-500",
};
const signNames: Record<string, string> = { "+": "Added", "−": "Removed", "~": "Changed", "↕": "Moved" };

function Change({
  sign,
  text,
  section,
  markdown,
  note,
}: {
  sign: string;
  text?: string;
  section?: string;
  markdown?: string;
  /** Said after the item, e.g. "details edited". */
  note?: string;
}) {
  return (
    <li className="flex gap-2">
      <span aria-label={signNames[sign]} className={`w-4 shrink-0 font-mono font-bold ${signStyles[sign]}`}>
        {sign}
      </span>
      <span>
        {text}
        {section ? <span className="text-slate-600 dark:text-slate-400">{section}: </span> : null}
        {markdown ? <InlineMarkdown text={markdown} /> : null}
        {note ? <span className="text-slate-600 dark:text-slate-400"> ({note})</span> : null}
      </span>
    </li>
  );
}
