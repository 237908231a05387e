// Reading waivers: a deployment's (for its checklist, record, CSV and API) and everyone's
// (the managers' list of active, expiring and expired waivers).
import "server-only";
import { readerOf, type ReadOptions } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { WAIVER_EXPIRING_DAYS, type WaiverView } from "@/lib/waivers/rules";

export const waiverViewSelect = {
  id: true,
  itemKey: true,
  itemText: true,
  priority: true,
  status: true,
  reason: true,
  control: true,
  expiresAt: true,
  createdAt: true,
  requiredApprovals: true,
  decisionNote: true,
  requestedBy: { select: { id: true, name: true } },
  decidedBy: { select: { id: true, name: true } },
  approvals: {
    orderBy: { createdAt: "asc" },
    select: { comment: true, createdAt: true, reviewer: { select: { id: true, name: true } } },
  },
} satisfies Prisma.WaiverSelect;

type WaiverRow = Prisma.WaiverGetPayload<{ select: typeof waiverViewSelect }>;

export function toWaiverView(row: WaiverRow): WaiverView {
  return {
    id: row.id,
    itemKey: row.itemKey,
    itemText: row.itemText,
    priority: row.priority,
    status: row.status,
    reason: row.reason,
    control: row.control,
    expiresAt: row.expiresAt.toISOString(),
    requestedBy: row.requestedBy,
    requestedAt: row.createdAt.toISOString(),
    requiredApprovals: row.requiredApprovals,
    approvals: row.approvals.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    decidedBy: row.decidedBy,
    decisionNote: row.decisionNote,
  };
}

/** Every waiver of the deployment, newest first. */
export async function waiversOfDeployment(deploymentId: string, options?: ReadOptions): Promise<WaiverView[]> {
  const rows = await readerOf(options).waiver.findMany({
    where: { deploymentId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: waiverViewSelect,
  });
  return rows.map(toWaiverView);
}

/** Per item key, the waiver that speaks for the item now: the newest that was neither
 * rejected nor revoked (pending, approved, or expired). */
export function currentWaivers(waivers: WaiverView[]): Map<string, WaiverView> {
  const current = new Map<string, WaiverView>();
  for (const waiver of waivers) {
    if (waiver.status === "REJECTED" || waiver.status === "REVOKED") continue;
    if (!current.has(waiver.itemKey)) current.set(waiver.itemKey, waiver);
  }
  return current;
}

export type WaiverListEntry = WaiverView & {
  deployment: { id: string; service: string; environment: string; version: string; status: string };
};

export type WaiverList = { active: WaiverListEntry[]; expiring: WaiverListEntry[]; expired: WaiverListEntry[] };

const LIST_LIMIT = 200;

/** The managers' list: approved waivers in force (those expiring within 14 days apart) and
 * those that expired while their item was still open, soonest first. */
export async function listWaivers(now = new Date(), options?: ReadOptions): Promise<WaiverList> {
  const db = readerOf(options);
  const soon = new Date(now.getTime() + WAIVER_EXPIRING_DAYS * 86_400_000);
  const select = {
    ...waiverViewSelect,
    deployment: { select: { id: true, service: true, environment: true, version: true, status: true } },
  } satisfies Prisma.WaiverSelect;
  const [inForce, expired] = await Promise.all([
    db.waiver.findMany({
      where: { status: "APPROVED", expiresAt: { gt: now } },
      orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select,
    }),
    db.waiver.findMany({
      where: {
        OR: [{ status: "EXPIRED" }, { status: "APPROVED", expiresAt: { lte: now } }],
        deployment: { status: { notIn: ["DEPLOYED", "CANCELLED"] } },
      },
      orderBy: [{ expiresAt: "desc" }, { id: "asc" }],
      take: LIST_LIMIT,
      select,
    }),
  ]);
  const entry = (row: (typeof inForce)[number]): WaiverListEntry => ({
    ...toWaiverView(row),
    deployment: row.deployment,
  });
  return {
    active: inForce.filter((w) => w.expiresAt > soon).map(entry),
    expiring: inForce.filter((w) => w.expiresAt <= soon).map(entry),
    expired: expired.map(entry),
  };
}
