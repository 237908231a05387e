// The contribution record: who worked on a deployment (created it, owns it or named its
// owner, changed an item's status, N/A reason, note or evidence, asked for a waiver —
// directly or through an API token). Append-only (a trigger refuses updates and deletes); written in the transaction of
// the change itself; read by the approval, the review panel and My work.
import "server-only";
import type { Actor, ContributionSummary } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ContributionKind } from "@/lib/generated/prisma/enums";
import type { ItemChangeValue } from "@/lib/deployments/item-history-view";

type Tx = Prisma.TransactionClient;
type Reader = Pick<Tx, "contribution">;

export type ContributionEntry = { userId: string; kind: ContributionKind; itemKey?: string };

/** Appends contributions by `author` (a token's are its user's; the token is kept). */
export async function recordContributions(
  tx: Tx,
  deploymentId: string,
  author: Pick<Actor, "id" | "apiTokenId">,
  entries: ContributionEntry[],
  at = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  await tx.contribution.createMany({
    data: entries.map((entry) => ({
      deploymentId,
      userId: entry.userId,
      // The token spoke for its own user only, not for an owner someone else was named.
      apiTokenId: entry.userId === author.id ? (author.apiTokenId ?? null) : null,
      kind: entry.kind,
      itemKey: entry.itemKey ?? null,
      createdAt: at,
    })),
  });
}

const ITEM_KINDS: Partial<Record<ItemChangeValue["field"], ContributionKind>> = {
  STATUS: "ITEM_STATUS",
  NA_REASON: "ITEM_NA_REASON",
  NOTE: "ITEM_NOTE",
  EVIDENCE: "ITEM_EVIDENCE",
};

/** The contributions an item write makes: one per content field it changed (an assignment is none). */
export function itemContributions(userId: string, itemKey: string, changes: ItemChangeValue[]): ContributionEntry[] {
  return changes.flatMap((change) => {
    const kind = ITEM_KINDS[change.field];
    return kind ? [{ userId, kind, itemKey }] : [];
  });
}

/** Creating a deployment: the creator, and its owner (the same person or another). */
export function creationContributions(creatorId: string, ownerId: string): ContributionEntry[] {
  return [
    { userId: creatorId, kind: "CREATED" },
    ...(ownerId === creatorId ? [] : [{ userId: creatorId, kind: "OWNER_SET" as const }]),
    { userId: ownerId, kind: "OWNER" },
  ];
}

/** A change of owner: who made it, and the new owner. */
export function ownerChangeContributions(setterId: string, ownerId: string): ContributionEntry[] {
  return [
    { userId: setterId, kind: "OWNER_SET" },
    { userId: ownerId, kind: "OWNER" },
  ];
}

const EMPTY: ContributionSummary = {
  created: false,
  owner: false,
  ownerSet: false,
  status: 0,
  naReason: 0,
  note: 0,
  evidence: 0,
  waivers: 0,
};

type Row = { userId: string; kind: ContributionKind; items: number };

function summarise(rows: Row[]): Map<string, ContributionSummary> {
  const byUser = new Map<string, ContributionSummary>();
  for (const row of rows) {
    const summary = byUser.get(row.userId) ?? { ...EMPTY };
    const { items } = row;
    if (row.kind === "CREATED") summary.created = true;
    else if (row.kind === "OWNER") summary.owner = true;
    else if (row.kind === "OWNER_SET") summary.ownerSet = true;
    else if (row.kind === "ITEM_STATUS") summary.status = items;
    else if (row.kind === "ITEM_NA_REASON") summary.naReason = items;
    else if (row.kind === "ITEM_NOTE") summary.note = items;
    else if (row.kind === "ITEM_EVIDENCE") summary.evidence = items;
    else if (row.kind === "WAIVER_REQUESTED") summary.waivers = items;
    byUser.set(row.userId, summary);
  }
  return byUser;
}

async function rowsOf(db: Reader, deploymentId: string, userId?: string): Promise<Row[]> {
  const rows = await db.contribution.groupBy({
    by: ["userId", "kind", "itemKey"],
    where: { deploymentId, ...(userId ? { userId } : {}) },
  });
  // Distinct items per person and kind (a person who ticked an item twice changed one item).
  const counted = new Map<string, Row>();
  for (const row of rows) {
    const key = `${row.userId}\u0000${row.kind}`;
    const entry = counted.get(key) ?? { userId: row.userId, kind: row.kind, items: 0 };
    if (row.itemKey !== null) entry.items += 1;
    counted.set(key, entry);
  }
  return [...counted.values()];
}

/** What one person did on the deployment (all false / 0 when nothing). */
export async function contributionsOf(db: Reader, deploymentId: string, userId: string): Promise<ContributionSummary> {
  return summarise(await rowsOf(db, deploymentId, userId)).get(userId) ?? { ...EMPTY };
}

/** Everyone who worked on the deployment, with what they did; `ownerId` (the current owner)
 * is one of them even where the record predates them. */
export async function contributorsOf(
  db: Reader,
  deploymentId: string,
  ownerId: string,
): Promise<Map<string, ContributionSummary>> {
  const byUser = summarise(await rowsOf(db, deploymentId));
  byUser.set(ownerId, { ...(byUser.get(ownerId) ?? EMPTY), owner: true });
  return byUser;
}
