// Walks the audit chain from the newest retention checkpoint in id order, a batch at a
// time (constant memory for any number of events), recomputing every hash.
import "server-only";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import { GENESIS_HASH } from "./canonical";
import { ChainChecker, storedAuditEventSelect, type BrokenLink } from "./chain";

export type ChainCheckpoint = { id: bigint; lastEventId: bigint; lastHash: string; createdAt: Date };

export type VerifyResult = {
  ok: boolean;
  /** Hashed events checked (after the checkpoint, if any). */
  checked: number;
  /** Events from before the chain existed (no hash), at its start. */
  legacy: number;
  /** The newest event's hash: record it elsewhere to notice a rewrite of the whole chain. */
  headHash: string;
  checkpoint?: ChainCheckpoint;
  firstBroken?: BrokenLink;
};

const BATCH = 1_000;

export async function verifyAuditChain(options: DomainOptions & { batchSize?: number } = {}): Promise<VerifyResult> {
  const prisma = dbOf(options);
  // Retention may remove events while we read; then start again from its checkpoint.
  for (;;) {
    const checkpoint = await newestCheckpoint(prisma);
    const result = await walk(prisma, checkpoint, options.batchSize ?? BATCH);
    if (result.ok || (await newestCheckpoint(prisma))?.id === checkpoint?.id) return result;
  }
}

export function newestCheckpoint(prisma: Pick<DbClient, "auditCheckpoint">): Promise<ChainCheckpoint | null> {
  return prisma.auditCheckpoint.findFirst({
    orderBy: { id: "desc" },
    select: { id: true, lastEventId: true, lastHash: true, createdAt: true },
  });
}

async function walk(prisma: DbClient, checkpoint: ChainCheckpoint | null, batchSize: number): Promise<VerifyResult> {
  const checker = new ChainChecker(checkpoint?.lastHash ?? GENESIS_HASH);
  let cursor = checkpoint?.lastEventId ?? 0n;
  for (;;) {
    const events = await prisma.auditEvent.findMany({
      where: { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
      select: storedAuditEventSelect,
    });
    for (const event of events) if (!checker.check(event)) break;
    if (checker.broken || events.length < batchSize) break;
    cursor = events.at(-1)!.id;
  }
  return {
    ok: !checker.broken,
    checked: checker.checked,
    legacy: checker.legacy,
    headHash: checker.expectedPrevHash,
    ...(checkpoint ? { checkpoint } : {}),
    ...(checker.broken ? { firstBroken: checker.broken } : {}),
  };
}
