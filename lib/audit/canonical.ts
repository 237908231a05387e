// The bytes an audit event's hash covers. PostgreSQL's jsonb keeps neither key order nor
// formatting, so the hash is taken over a canonical form the verifier can rebuild from
// what it reads back: JSON with object keys sorted (by UTF-16 code units, at every depth)
// and no whitespace — for plain JSON values this is RFC 8785 (JCS) output, because
// JSON.stringify already formats numbers and escapes strings the way JCS prescribes.
import { createHash } from "node:crypto";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The hash the first event links to when there is neither an earlier event nor a checkpoint. */
export const GENESIS_HASH = "0".repeat(64);

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`).join(",")}}`;
}

/**
 * What a JSON column will hold once written and read back: Dates become ISO strings,
 * undefined members disappear, NaN becomes null. Hashing this (and storing exactly this)
 * keeps the writer's bytes and the verifier's bytes the same.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export type HashedContent = {
  prevHash: string;
  createdAt: Date;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue;
  after: JsonValue;
};

/** sha256 (hex) over the canonical form of an event's content and its predecessor's hash. */
export function auditEventHash(event: HashedContent): string {
  return createHash("sha256")
    .update(linkedCanonicalJson(auditEventHashPrefix(event), event.prevHash), "utf8")
    .digest("hex");
}

/**
 * The canonical JSON of an event up to the value of its last member. Keys are sorted and
 * "prevHash" sorts after every other key, so the whole form is this prefix, the predecessor's
 * hash as a JSON string, and "}": the database finishes it under the chain lock
 * (audit_chain_link in the migration 20261128000000_audit_append_in_one_statement).
 */
export function auditEventHashPrefix(event: Omit<HashedContent, "prevHash">): string {
  const content = canonicalJson({
    createdAt: event.createdAt.toISOString(),
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
  });
  return `${content.slice(0, -1)},"prevHash":`;
}

/** What audit_chain_link hashes: the prefix completed with the predecessor's hash. */
export function linkedCanonicalJson(prefix: string, prevHash: string): string {
  return `${prefix}${JSON.stringify(prevHash)}}`;
}
