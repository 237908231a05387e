import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { leavesOf } from "@/lib/checklists/tree";
import type { Checklist } from "@/lib/checklists/types";
import { ExternalLink } from "@/components/ui/external-link";
import { WaiverBadge } from "@/components/waivers/waiver-badge";
import { isWaived } from "@/lib/checklists/readiness";

/** What a reviewer must see before approving: N/A critical items with reasons, open high items, evidence. */
export function ReviewSummary({ checklist }: { checklist: Checklist }) {
  const leavesWhere = (priority: string) =>
    leavesOf(checklist.sections.filter((s) => s.priority === priority).flatMap((s) => s.items));
  const naCritical = leavesWhere("CRITICAL").filter((l) => l.state?.status === "NOT_APPLICABLE");
  const now = new Date();
  const openHigh = leavesWhere("HIGH").filter((l) => l.state?.status === "OPEN" && !isWaived(l.waiver, now));
  const waived = leavesOf(checklist.sections.filter((s) => s.kind === "PRE_DEPLOYMENT").flatMap((s) => s.items)).filter(
    (l) => l.state?.status === "OPEN" && l.waiver,
  );
  const evidence = leavesOf(checklist.sections.flatMap((s) => s.items)).filter((l) => l.state?.evidenceLinks.length);
  return (
    <div className="grid gap-4 text-sm md:grid-cols-2 xl:grid-cols-4">
      <SummaryList
        title={`Critical items marked not applicable (${naCritical.length})`}
        empty="None: every critical item is done."
      >
        {naCritical.map((leaf) => (
          <li key={leaf.id}>
            <InlineMarkdown text={leaf.text} /> — <span className="italic">{leaf.state!.naReason}</span>
          </li>
        ))}
      </SummaryList>
      <SummaryList title={`Open high-priority items (${openHigh.length})`} empty="None.">
        {openHigh.map((leaf) => (
          <li key={leaf.id}>
            <InlineMarkdown text={leaf.text} />
          </li>
        ))}
      </SummaryList>
      <SummaryList title={`Waivers (${waived.length})`} empty="No item is waived.">
        {waived.map((leaf) => (
          <li key={leaf.id}>
            <InlineMarkdown text={leaf.text} /> — <WaiverBadge waiver={leaf.waiver!} now={now} />{" "}
            <span className="italic">{leaf.waiver!.reason}</span>
          </li>
        ))}
      </SummaryList>
      <SummaryList
        title={`Evidence links (${evidence.reduce((n, l) => n + l.state!.evidenceLinks.length, 0)})`}
        empty="No evidence links were added."
      >
        {evidence.flatMap((leaf) =>
          leaf.state!.evidenceLinks.map((link) => (
            <li key={`${leaf.id}-${link}`}>
              <ExternalLink href={link}>{link}</ExternalLink>
            </li>
          )),
        )}
      </SummaryList>
    </div>
  );
}

function SummaryList({ title, empty, children }: { title: string; empty: string; children: React.ReactNode[] }) {
  return (
    <div>
      <h3 className="mb-1 font-semibold">{title}</h3>
      {children.length ? (
        <ul className="list-disc space-y-1 pl-5">{children}</ul>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">{empty}</p>
      )}
    </div>
  );
}
