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
  const content = canonicalJson({
    prevHash: event.prevHash,
    createdAt: event.createdAt.toISOString(),
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before,
    after: event.after,
  });
  return createHash("sha256").update(content, "utf8").digest("hex");
}
