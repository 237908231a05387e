// AUDIT_RETENTION_DAYS: events older than the window are exported to a JSON Lines file
// (each line one event with its hashes, so the file verifies on its own), fsynced, and
// only then removed in one transaction that writes a checkpoint holding the last removed
// event's hash — the remaining chain links to it and still verifies.
//
// The database holds the same rule (migration 20261202110800_audit_tail_guard): it deletes
// an event only when a checkpoint written in the same transaction covers it, and refuses a
// checkpoint that covers the newest event or one younger than a day. So the plan below never
// reaches the head, and what it could still get wrong the database refuses.
import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { GENESIS_HASH } from "./canonical";
import { ChainChecker, storedAuditEventSelect, type StoredAuditEvent } from "./chain";
import { newestCheckpoint } from "./verify-chain";

/** Two retention runs exclude each other with this; audit writes never wait for it. */
const RETENTION_LOCK = 0x6175_6469_745f_7274n; // "audit_rt"
const BATCH = 1_000;
const DAY = 86_400_000;

export type RetentionPlan = { cutoff: Date; fromId: bigint; toId: bigint; count: number; exportFile: string };
export type RetentionResult = {
  cutoff: Date;
  removed: number;
  dryRun: boolean;
  plan?: RetentionPlan;
  checkpointId?: bigint;
  lastHash?: string;
};

/** For the CLI and the daily job: `input` comes from the validated environment, so it is not parsed again. */
export async function retainAuditEvents(
  input: { days: number; exportDir: string; dryRun?: boolean },
  options: DomainOptions & { now?: Date } = {},
): Promise<RetentionResult> {
  const prisma = dbOf(options);
  const cutoff = new Date((options.now ?? new Date()).getTime() - input.days * DAY);
  const dryRun = Boolean(input.dryRun);
  const checkpoint = await newestCheckpoint(prisma);
  const plan = await planRetention(prisma, checkpoint?.lastEventId ?? 0n, cutoff, input.exportDir);
  if (!plan) return { cutoff, removed: 0, dryRun };
  if (dryRun) return { cutoff, removed: 0, dryRun, plan };

  const lastHash = await exportEvents(prisma, plan, checkpoint?.lastHash ?? GENESIS_HASH).catch(
    async (error: unknown) => {
      // A run started at the same moment may have removed these events while this one read
      // them (the export reads outside the lock): say so, rather than "read fewer".
      if ((await newestCheckpoint(prisma))?.id !== checkpoint?.id) throw anotherRunFirst();
      throw error;
    },
  );
  const created = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK})`;
      if ((await newestCheckpoint(tx))?.id !== checkpoint?.id) throw anotherRunFirst();
      // The append-only trigger lets these deletes through because this checkpoint, written
      // in the same transaction, covers them.
      const created = await tx.auditCheckpoint
        .create({
          data: { lastEventId: plan.toId, lastHash, removedCount: plan.count, exportFile: plan.exportFile },
          select: { id: true },
        })
        .catch((error: unknown) => {
          throw databaseRefusal(error) ?? error;
        });
      const { count } = await tx.auditEvent.deleteMany({ where: { id: { gte: plan.fromId, lte: plan.toId } } });
      if (count !== plan.count)
        throw new AppError(
          "CONFLICT",
          `Expected to remove ${plan.count} audit events but found ${count}; nothing was changed.`,
        );
      return created;
    },
    { timeout: 600_000 },
  );
  return { cutoff, removed: plan.count, dryRun, plan, checkpointId: created.id, lastHash };
}

/**
 * The oldest run of events that are all older than the cutoff. It stops at the first
 * younger event, so an app instance with a skewed clock never gets a young event removed,
 * and before the newest event: the head of the chain always stays.
 */
async function planRetention(
  prisma: DbClient,
  afterId: bigint,
  cutoff: Date,
  exportDir: string,
): Promise<RetentionPlan | null> {
  const [firstYoung, newest] = await Promise.all([
    prisma.auditEvent.findFirst({
      where: { id: { gt: afterId }, createdAt: { gte: cutoff } },
      orderBy: { id: "asc" },
      select: { id: true },
    }),
    prisma.auditEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } }),
  ]);
  if (!newest) return null;
  const firstKept = firstYoung && firstYoung.id < newest.id ? firstYoung.id : newest.id;
  const range = { gt: afterId, lt: firstKept };
  const { _min, _max, _count } = await prisma.auditEvent.aggregate({
    where: { id: range },
    _min: { id: true },
    _max: { id: true },
    _count: { _all: true },
  });
  if (_min.id === null || _max.id === null) return null;
  const exportFile = path.resolve(exportDir, `audit-${_min.id}-${_max.id}.jsonl`);
  return { cutoff, fromId: _min.id, toId: _max.id, count: _count._all, exportFile };
}

/** The checkpoint trigger's refusal, in its own words (e.g. an event younger than a day). */
function databaseRefusal(error: unknown): AppError | null {
  const message = error instanceof Error ? error.message : "";
  const refusal = /audit checkpoint refused: [^\n"]*/.exec(message)?.[0];
  return refusal ? new AppError("CONFLICT", `The database refused: ${refusal}; nothing was removed.`) : null;
}

function anotherRunFirst(): AppError {
  return new AppError("CONFLICT", "Another retention run removed these events first; nothing was changed.");
}

/** Writes the events to the export file (atomically, fsynced) and returns the last one's hash. */
async function exportEvents(prisma: DbClient, plan: RetentionPlan, prevHash: string): Promise<string> {
  await mkdir(path.dirname(plan.exportFile), { recursive: true });
  const partial = `${plan.exportFile}.${randomBytes(4).toString("hex")}.partial`;
  const file = await open(partial, "wx", 0o600);
  const checker = new ChainChecker(prevHash);
  let written = 0;
  try {
    let cursor = plan.fromId - 1n;
    while (cursor < plan.toId) {
      const events = await prisma.auditEvent.findMany({
        where: { id: { gt: cursor, lte: plan.toId } },
        orderBy: { id: "asc" },
        take: BATCH,
        select: storedAuditEventSelect,
      });
      if (events.length === 0) break;
      for (const event of events) {
        // Retention must not launder tampering: a broken chain stays in the database.
        if (!checker.check(event))
          throw new AppError(
            "CONFLICT",
            `audit chain broken at event #${checker.broken!.id}: ${checker.broken!.reason}; run \`audit verify\`. Nothing was removed.`,
          );
      }
      await file.write(events.map((event) => `${exportLine(event)}\n`).join(""));
      written += events.length;
      cursor = events.at(-1)!.id;
    }
    if (written !== plan.count)
      throw new AppError(
        "CONFLICT",
        `Expected to export ${plan.count} audit events but read ${written}; nothing was removed.`,
      );
    await file.sync();
  } catch (error) {
    await file.close();
    await rm(partial, { force: true });
    throw error;
  }
  await file.close();
  await rename(partial, plan.exportFile);
  await syncDirectory(path.dirname(plan.exportFile));
  return checker.expectedPrevHash;
}

export function exportLine(event: StoredAuditEvent): string {
  return JSON.stringify({ ...event, id: event.id.toString(), createdAt: event.createdAt.toISOString() });
}

/** Reads a line of an export file back into the shape the chain checker takes. */
export function parseExportLine(line: string): StoredAuditEvent {
  const parsed = JSON.parse(line) as Omit<StoredAuditEvent, "id" | "createdAt"> & { id: string; createdAt: string };
  return { ...parsed, id: BigInt(parsed.id), createdAt: new Date(parsed.createdAt) };
}

/** The rename is durable only once the directory entry is on disk too. */
async function syncDirectory(directory: string) {
  const handle = await open(directory, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
