// How an item's history leaves the server and reads on the page: the changes of one write
// grouped into one event, each change told in words ("marked it N/A: …", "assigned it to Cy").
// No server-only import: the checklist's client components render it.
import { z } from "zod";
import { ItemStatus } from "@/lib/generated/prisma/enums";

export type Person = { id: string; name: string };

const person = z.object({ id: z.string(), name: z.string() });
const status = z.enum(ItemStatus);
const text = z.string().nullable();

/** One changed field, as ItemChange stores it (before/after are its JSON columns). */
export const itemChangeSchema = z.discriminatedUnion("field", [
  z.object({ field: z.literal("STATUS"), before: status, after: status }),
  z.object({ field: z.literal("NA_REASON"), before: text, after: text }),
  z.object({ field: z.literal("NOTE"), before: text, after: text }),
  z.object({ field: z.literal("EVIDENCE"), before: z.array(z.string()), after: z.array(z.string()) }),
  z.object({ field: z.literal("ASSIGNEE"), before: person.nullable(), after: person.nullable() }),
  z.object({
    field: z.literal("RESET"),
    before: z.object({
      templateVersion: z.number().int(),
      text: z.string(),
      status,
      naReason: text,
      note: text,
      evidenceLinks: z.array(z.string()),
    }),
    after: z.object({ templateVersion: z.number().int(), text: z.string() }),
  }),
]);

export type ItemChangeValue = z.infer<typeof itemChangeSchema>;

/** The changes one person made in one write, newest events first in a history. */
export type ItemHistoryEvent = {
  /** The first row's id: stable, for React keys. */
  id: string;
  at: string;
  actor: Person | null;
  /** The change came through one of the actor's API tokens. */
  viaApiToken: boolean;
  /** The item's text (Markdown) when it changed: an older event may predate a rewording. */
  itemText: string;
  changes: ItemChangeValue[];
};

export type ItemHistory = {
  events: ItemHistoryEvent[];
  /** Older events exist beyond the ones read. */
  truncated: boolean;
};

const statusWords: Record<ItemStatus, string> = { OPEN: "open", DONE: "done", NOT_APPLICABLE: "N/A" };

/** Long notes are quoted in part: the item's details show the whole note. */
function quote(value: string, max = 160): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

function list(values: string[]): string {
  return values.join(", ");
}

/** What one event did, in clauses that follow the actor's name ("marked it done; added a note: …"). */
export function describeChanges(changes: ItemChangeValue[]): string[] {
  const reason = changes.find((c) => c.field === "NA_REASON");
  const statusChange = changes.find((c) => c.field === "STATUS");
  return changes.flatMap((change): string[] => {
    switch (change.field) {
      case "STATUS":
        if (change.after === "NOT_APPLICABLE")
          return [reason?.after ? `marked it N/A: ${reason.after}` : "marked it N/A"];
        return [change.after === "DONE" ? "marked it done" : "reopened it"];
      case "NA_REASON":
        // Told with the status when the status moved with it (a reason set or cleared).
        if (statusChange) return [];
        return change.after ? [`changed the N/A reason to: ${change.after}`] : ["removed the N/A reason"];
      case "NOTE":
        if (change.after === null) return ["removed the note"];
        return [
          change.before === null
            ? `added a note: ${quote(change.after)}`
            : `changed the note to ${quote(change.after)}`,
        ];
      case "EVIDENCE": {
        const added = change.after.filter((link) => !change.before.includes(link));
        const removed = change.before.filter((link) => !change.after.includes(link));
        if (!added.length && !removed.length) return ["reordered the evidence links"];
        return [
          ...(added.length ? [`added evidence: ${list(added)}`] : []),
          ...(removed.length ? [`removed evidence: ${list(removed)}`] : []),
        ];
      }
      case "ASSIGNEE":
        if (!change.after) return [`unassigned ${change.before?.name ?? "it"}`];
        if (!change.before) return [`assigned it to ${change.after.name}`];
        return [`reassigned it from ${change.before.name} to ${change.after.name}`];
      case "RESET": {
        const was = change.before;
        const held = [
          statusWords[was.status],
          ...(was.status === "NOT_APPLICABLE" && was.naReason ? [`(${was.naReason})`] : []),
          ...(was.note ? [`with the note ${quote(was.note)}`] : []),
        ].join(" ");
        return [
          `moved the deployment to template version ${change.after.templateVersion}, which reworded or moved this item, so it starts again (under version ${was.templateVersion} it was ${held})`,
        ];
      }
    }
  });
}

/** "Ann", "Ann (API token)", or "Someone" for a change whose author is unknown. */
export function actorWords(event: Pick<ItemHistoryEvent, "actor" | "viaApiToken">): string {
  const name = event.actor?.name ?? "Someone";
  return event.viaApiToken ? `${name} (API token)` : name;
}

/** The whole event as one sentence: "Ann marked it N/A: not used here." */
export function describeEvent(event: Pick<ItemHistoryEvent, "actor" | "viaApiToken" | "changes">): string {
  const clauses = describeChanges(event.changes);
  const body = clauses.length ? clauses.join("; ") : "changed it";
  return `${actorWords(event)} ${body}`;
}
