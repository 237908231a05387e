// The hash chain's rules in one place: where the next event links to, and a checker that
// walks events in id order — the same code checks the database and an export file.
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditEventHash, GENESIS_HASH, type HashedContent, type JsonValue } from "./canonical";

/**
 * Serialises audit writes until commit (PostgreSQL releases it at the end of the
 * transaction), so chain order is commit order across connections and app instances.
 * Taken by the database function audit_chain_link, which spells the same number.
 */
export const AUDIT_CHAIN_LOCK = 0x6175_6469_745f_6368n; // "audit_ch"

/** An event as read back: what was hashed, its id, and its links (null before the chain). */
export type StoredAuditEvent = Omit<HashedContent, "prevHash" | "before" | "after"> & {
  id: bigint;
  before: unknown;
  after: unknown;
  prevHash: string | null;
  hash: string | null;
};

/** What an event says (who did what to which entity, before and after), without its links. */
export const auditEventContentSelect = {
  id: true,
  createdAt: true,
  actorId: true,
  actorLabel: true,
  action: true,
  entityType: true,
  entityId: true,
  before: true,
  after: true,
} satisfies Prisma.AuditEventSelect;

export const storedAuditEventSelect = {
  ...auditEventContentSelect,
  prevHash: true,
  hash: true,
} satisfies Prisma.AuditEventSelect;

export type BrokenLink = { id: bigint; reason: "content changed" | "link broken" | "missing hash" };

/**
 * Feed events in id order; the first problem sticks. Events without a hash before the
 * first hashed one were written before the chain existed and are only counted.
 */
export class ChainChecker {
  checked = 0;
  legacy = 0;
  broken: BrokenLink | undefined;

  constructor(public expectedPrevHash: string = GENESIS_HASH) {}

  /** false once the chain is broken (stop reading). */
  check(event: StoredAuditEvent): boolean {
    if (this.broken) return false;
    if (event.hash === null || event.prevHash === null) {
      if (this.checked > 0) return this.fail(event.id, "missing hash");
      this.legacy++;
      return true;
    }
    if (event.prevHash !== this.expectedPrevHash) return this.fail(event.id, "link broken");
    const recomputed = auditEventHash({
      ...event,
      prevHash: event.prevHash,
      before: event.before as JsonValue,
      after: event.after as JsonValue,
    });
    if (recomputed !== event.hash) return this.fail(event.id, "content changed");
    this.expectedPrevHash = event.hash;
    this.checked++;
    return true;
  }

  private fail(id: bigint, reason: BrokenLink["reason"]): false {
    this.broken = { id, reason };
    return false;
  }
}
