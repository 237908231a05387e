import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { PriorityBadge } from "@/components/ui/badges";
import { kindLabels } from "@/lib/templates/labels";
import { itemProgress } from "@/lib/checklists/tree";
import type { ChecklistItem, ChecklistSection } from "@/lib/checklists/types";
import { formatDateTime } from "@/lib/format";
import type { ItemStatus } from "@/lib/generated/prisma/enums";
import { ExternalLink } from "@/components/ui/external-link";
import { isWaived } from "@/lib/checklists/readiness";

// Words and a glyph, not colour alone: the record is read on black-and-white paper.
const stateLabels: Record<ItemStatus, { glyph: string; label: string }> = {
  DONE: { glyph: "☑", label: "Done" },
  NOT_APPLICABLE: { glyph: "⊘", label: "N/A" },
  OPEN: { glyph: "☐", label: "Open" },
};

type Row = { item: ChecklistItem; depth: number };

function flatten(items: ChecklistItem[], depth = 0): Row[] {
  return items.flatMap((item) => [{ item, depth }, ...flatten(item.children, depth + 1)]);
}

const cell = "border-b border-slate-200 px-2 py-1.5 align-top dark:border-slate-800";

/** Every item of one checklist section, in order, nested by indentation, with its full state. */
export function RecordSection({ section }: { section: ChecklistSection }) {
  return (
    <section aria-labelledby={`section-${section.id}`} className="mt-8">
      <h2 id={`section-${section.id}`} className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {section.title} <PriorityBadge priority={section.priority} />
        <span className="text-sm font-normal text-slate-600 dark:text-slate-400">{kindLabels[section.kind]}</span>
      </h2>
      <table className="mt-2 w-full table-fixed border-collapse text-left text-sm">
        <thead className="border-b-2 border-slate-300 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <tr>
            <th scope="col" className="w-[32%] px-2 py-1.5">
              Item
            </th>
            <th scope="col" className="w-20 px-2 py-1.5">
              State
            </th>
            <th scope="col" className="w-44 px-2 py-1.5">
              By, when
            </th>
            <th scope="col" className="px-2 py-1.5">
              Reason, note, evidence
            </th>
          </tr>
        </thead>
        <tbody>
          {flatten(section.items).map(({ item, depth }) => (
            <RecordRow key={item.id} item={item} depth={depth} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RecordRow({ item, depth }: Row) {
  const text = (
    <div style={{ paddingLeft: `${depth * 1.25}rem` }}>
      <InlineMarkdown text={item.text} />
    </div>
  );
  if (item.children.length) {
    const { settled, total } = itemProgress(item);
    return (
      <tr data-record-item={item.id} className="font-medium">
        <td className={cell}>{text}</td>
        <td className={cell} colSpan={3}>
          {settled} of {total} settled
        </td>
      </tr>
    );
  }
  const state = item.state;
  // An open item an approved, unexpired waiver settles reads as waived (the table below says by whom).
  const waived = (state?.status ?? "OPEN") === "OPEN" && isWaived(item.waiver, new Date());
  const status = waived ? { glyph: "⊙", label: "Waived" } : stateLabels[state?.status ?? "OPEN"];
  return (
    <tr data-record-item={item.id} data-status={state?.status ?? "OPEN"}>
      <td className={cell}>{text}</td>
      <td className={`${cell} whitespace-nowrap font-medium`}>
        <span aria-hidden="true">{status.glyph} </span>
        {status.label}
      </td>
      <td className={cell}>
        {state?.updatedBy ? (
          <>
            {state.updatedBy.name}
            <br />
            <span className="text-slate-600 dark:text-slate-400">{formatDateTime(state.updatedAt)}</span>
          </>
        ) : (
          "—"
        )}
        {state?.assignee ? (
          <div className="text-slate-600 dark:text-slate-400">Assigned to {state.assignee.name}</div>
        ) : null}
      </td>
      <td className={`${cell} break-words`}>
        {state?.status === "NOT_APPLICABLE" && state.naReason ? (
          <p>
            <strong>N/A reason:</strong> <span className="whitespace-pre-wrap">{state.naReason}</span>
          </p>
        ) : null}
        {state?.note ? (
          <p>
            <strong>Note:</strong> <span className="whitespace-pre-wrap">{state.note}</span>
          </p>
        ) : null}
        {state?.evidenceLinks.length ? (
          <div>
            <strong>Evidence:</strong>
            <ul className="list-none">
              {state.evidenceLinks.map((url) => (
                <li key={url} className="break-all">
                  {/* The URL itself is the text: a printed link must still say where it points. */}
                  <ExternalLink
                    href={url}
                    data-url-shown
                    className="font-mono text-xs text-brand-600 underline dark:text-brand-50"
                  >
                    {url}
                  </ExternalLink>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </td>
    </tr>
  );
}
