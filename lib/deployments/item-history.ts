// Each checklist item's history: one append-only ItemChange row per field a write really
// changed, written in that write's own transaction (updateItemState, moveToLatestVersion),
// and read back by every role that can open the deployment. It is also who worked on a
// deployment (the contribution record), so every content change and assignment is written,
// with the API token it came through.
import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { type Actor } from "@/lib/auth/policy";
import { readerOf, type ReadOptions } from "@/lib/db";
import {
  itemChangeSchema,
  type ItemChangeValue,
  type ItemHistory,
  type ItemHistoryEvent,
  type Person,
} from "@/lib/deployments/item-history-view";
import { AppError } from "@/lib/errors";
import { itemContributions, recordContributions } from "@/lib/signoff/contributions";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ItemStatus } from "@/lib/generated/prisma/enums";
import { entityId } from "@/lib/validation";

/** An item's content and assignee as a write sees them before and after. */
export type ItemContent = {
  status: ItemStatus;
  naReason: string | null;
  note: string | null;
  evidenceLinks: string[];
  assignee: Person | null;
};

type Tx = Prisma.TransactionClient;

/** Who wrote it: the actor, and the API token it came through (Actor.apiTokenId). */
type Author = Pick<Actor, "id" | "apiTokenId">;

/** The fields that differ between two states of an item, in a fixed order. */
export function changedFields(before: ItemContent, after: ItemContent): ItemChangeValue[] {
  const changes: ItemChangeValue[] = [];
  if (before.status !== after.status) changes.push({ field: "STATUS", before: before.status, after: after.status });
  if (before.naReason !== after.naReason)
    changes.push({ field: "NA_REASON", before: before.naReason, after: after.naReason });
  if (before.note !== after.note) changes.push({ field: "NOTE", before: before.note, after: after.note });
  if (JSON.stringify(before.evidenceLinks) !== JSON.stringify(after.evidenceLinks))
    changes.push({ field: "EVIDENCE", before: before.evidenceLinks, after: after.evidenceLinks });
  if ((before.assignee?.id ?? null) !== (after.assignee?.id ?? null))
    changes.push({ field: "ASSIGNEE", before: before.assignee, after: after.assignee });
  return changes;
}

/**
 * Records one write to one item: a row per field that changed (none when nothing did), and
 * the contributions that makes.
 * Call it inside the write's transaction, after the write, so a refused write records nothing.
 */
export async function recordItemChanges(
  tx: Tx,
  input: {
    deploymentId: string;
    item: { key: string; text: string };
    actor: Author;
    before: ItemContent;
    after: ItemContent;
  },
): Promise<number> {
  const changes = changedFields(input.before, input.after);
  // Changing an item's content is working on the deployment (separation of duties).
  await recordContributions(
    tx,
    input.deploymentId,
    input.actor,
    itemContributions(input.actor.id, input.item.key, changes),
  );
  return appendChanges(tx, input.deploymentId, input.actor, [{ item: input.item, changes }]);
}

/** What a version move reset: the item under its new text, and what it held before. */
export type ItemReset = {
  item: { key: string; text: string };
  before: Extract<ItemChangeValue, { field: "RESET" }>["before"];
  toVersion: number;
};

/** Records the items a move to a newer template version reset (one RESET row each). */
export async function recordItemResets(
  tx: Tx,
  input: { deploymentId: string; actor: Author; resets: ItemReset[] },
): Promise<number> {
  return appendChanges(
    tx,
    input.deploymentId,
    input.actor,
    input.resets.map((reset) => ({
      item: reset.item,
      changes: [
        {
          field: "RESET",
          before: reset.before,
          after: { templateVersion: reset.toVersion, text: reset.item.text },
        },
      ],
    })),
  );
}

async function appendChanges(
  tx: Tx,
  deploymentId: string,
  actor: Author,
  writes: { item: { key: string; text: string }; changes: ItemChangeValue[] }[],
): Promise<number> {
  // One time for the whole write: the reader groups a write's rows by it.
  const createdAt = new Date();
  const data = writes.flatMap(({ item, changes }) =>
    changes.map((change): Prisma.ItemChangeCreateManyInput => ({
      deploymentId,
      itemKey: item.key,
      itemText: item.text,
      actorId: actor.id,
      apiTokenId: actor.apiTokenId ?? null,
      field: change.field,
      before: jsonOf(change.before),
      after: jsonOf(change.after),
      createdAt,
    })),
  );
  if (!data.length) return 0;
  const { count } = await tx.itemChange.createMany({ data });
  return count;
}

/** A JSON column's value: SQL NULL for "none", so a null note reads back as null. */
function jsonOf(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : value;
}

export const readItemHistorySchema = z.object({ deploymentId: entityId, itemKey: entityId });

/** Events read per item; an item changed more often than this says the rest is older. */
export const ITEM_HISTORY_LIMIT = 200;

/**
 * One item's history, newest first, each event with its author's name. Every role that can
 * open the deployment reads it (a viewer too): signed in is the whole requirement.
 */
export async function readItemHistory(
  actor: Actor | null,
  input: z.input<typeof readItemHistorySchema>,
  options?: ReadOptions,
): Promise<ItemHistory> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  const { deploymentId, itemKey } = parseInput(readItemHistorySchema, input);
  const reader = readerOf(options);
  const deployment = await reader.deployment.findUnique({ where: { id: deploymentId }, select: { id: true } });
  if (!deployment) throw new AppError("NOT_FOUND", "That deployment does not exist.");
  const rows = await reader.itemChange.findMany({
    where: { deploymentId, itemKey },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: ITEM_HISTORY_LIMIT + 1,
    select: historyRowSelect,
  });
  const truncated = rows.length > ITEM_HISTORY_LIMIT;
  return { events: groupIntoEvents(truncated ? rows.slice(0, ITEM_HISTORY_LIMIT) : rows), truncated };
}

const historyRowSelect = {
  id: true,
  itemText: true,
  actorId: true,
  apiTokenId: true,
  field: true,
  before: true,
  after: true,
  createdAt: true,
  actor: { select: { id: true, name: true } },
} as const;

type HistoryRow = Prisma.ItemChangeGetPayload<{ select: typeof historyRowSelect }>;

/** Rows of one write (same time, author and token) become one event; rows arrive newest first. */
function groupIntoEvents(rows: HistoryRow[]): ItemHistoryEvent[] {
  const events: ItemHistoryEvent[] = [];
  let lastKey: string | null = null;
  for (const row of rows) {
    const key = `${row.createdAt.getTime()}|${row.actorId}|${row.apiTokenId}`;
    if (key !== lastKey) {
      events.push({
        id: row.id.toString(),
        at: row.createdAt.toISOString(),
        actor: row.actor,
        viaApiToken: row.apiTokenId !== null,
        itemText: row.itemText,
        changes: [],
      });
      lastKey = key;
    }
    // A write's rows were inserted in field order; reading newest first reverses them.
    events.at(-1)!.changes.unshift(changeOf(row));
  }
  return events;
}

function changeOf(row: HistoryRow): ItemChangeValue {
  const parsed = itemChangeSchema.safeParse({ field: row.field, before: row.before, after: row.after });
  if (parsed.success) return parsed.data;
  // Only this module writes the table; a row it cannot read is a bug, not something to hide.
  throw new Error(`ItemChange ${row.id} (${row.field}) does not have the stored shape`);
}
