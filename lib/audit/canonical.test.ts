import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import {
  auditEventHash,
  auditEventHashPrefix,
  canonicalJson,
  GENESIS_HASH,
  linkedCanonicalJson,
  toJsonValue,
  type HashedContent,
} from "./canonical";

const event: HashedContent = {
  prevHash: GENESIS_HASH,
  createdAt: new Date("2026-11-27T21:00:00.123Z"),
  actorId: "u1",
  actorLabel: null,
  action: "item.update",
  entityType: "ItemState",
  entityId: "s1",
  before: { status: "OPEN", version: 0 },
  after: { version: 1, status: "DONE" },
};

describe("canonicalJson", () => {
  it("sorts keys at every depth, so key order never changes the bytes", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: { c: null, d: [{ y: 2, z: 1 }] }, b: 1 })).toBe(
      canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } }),
    );
  });

  it("keeps array order and nesting", () => {
    expect(canonicalJson([[3, [2, 1]], [], {}])).toBe("[[3,[2,1]],[],{}]");
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it("writes unicode as itself, escapes only what JSON must, and sorts keys by UTF-16 code units (RFC 8785)", () => {
    expect(canonicalJson({ é: "🔴 CRITICAL", e: 'tab\tquote"\u0001' })).toBe(
      '{"e":"tab\\tquote\\"\\u0001","é":"🔴 CRITICAL"}',
    );
    // U+FB01 sorts after U+D83D (a surrogate of 😀) by code unit, before it by code point.
    expect(canonicalJson({ "\ufb01": 1, "😀": 2 })).toBe('{"😀":2,"ﬁ":1}');
    expect(canonicalJson("line\nbreak\u2028")).toBe('"line\\nbreak\u2028"');
  });

  it("tells null from a missing member and from an empty value", () => {
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({ a: "" }));
    expect(toJsonValue({ a: undefined, b: null })).toEqual({ b: null });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it("formats numbers as JSON.stringify does (one form per value)", () => {
    expect(canonicalJson([1.0, 1e21, 0.1, -0, 1e-7])).toBe("[1,1e+21,0.1,0,1e-7]");
  });

  it("is what a JSON round trip (jsonb's view) with shuffled keys gives back", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const stored = toJsonValue(value);
        const shuffled = JSON.parse(
          JSON.stringify(stored, (_k, v: unknown) =>
            v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
          ),
        );
        expect(canonicalJson(shuffled)).toBe(canonicalJson(stored));
        expect(JSON.parse(canonicalJson(stored))).toEqual(stored);
      }),
    );
  });

  it("turns values Prisma would serialise (Dates, undefined members) into the JSON stored", () => {
    expect(toJsonValue({ at: new Date("2026-01-02T03:04:05.006Z"), gone: undefined })).toEqual({
      at: "2026-01-02T03:04:05.006Z",
    });
  });
});

describe("auditEventHash", () => {
  it("is sha256 hex, independent of key order in before/after", () => {
    const hash = auditEventHash(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash({ ...event, after: { status: "DONE", version: 1 } })).toBe(hash);
  });

  it.each([
    ["prevHash", { prevHash: "1".repeat(64) }],
    ["createdAt (1 ms)", { createdAt: new Date("2026-11-27T21:00:00.124Z") }],
    ["actor", { actorId: null, actorLabel: "u1" }],
    ["action", { action: "item.updatE" }],
    ["entity", { entityId: "s2" }],
    ["before → null", { before: null }],
    ["a nested value", { after: { version: 1, status: "DONE", extra: null } }],
  ])("changes when %s changes", (_name, change) => {
    expect(auditEventHash({ ...event, ...change })).not.toBe(auditEventHash(event));
  });

  it("is the canonical JSON of the whole event: the prefix the database completes holds every member but prevHash, which sorts last", () => {
    const whole = (e: HashedContent) => canonicalJson({ ...e, createdAt: e.createdAt.toISOString() });
    fc.assert(
      fc.property(
        fc.record({
          prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
          createdAt: fc.date({
            min: new Date("2000-01-01T00:00:00Z"),
            max: new Date("2100-01-01T00:00:00Z"),
            noInvalidDate: true,
          }),
          actorId: fc.option(fc.string()),
          actorLabel: fc.option(fc.string()),
          action: fc.string(),
          entityType: fc.string(),
          entityId: fc.string(),
          before: fc.jsonValue().map(toJsonValue),
          after: fc.jsonValue().map(toJsonValue),
        }),
        (e) => {
          expect(linkedCanonicalJson(auditEventHashPrefix(e), e.prevHash)).toBe(whole(e));
          expect(auditEventHash(e)).toBe(createHash("sha256").update(whole(e), "utf8").digest("hex"));
        },
      ),
    );
  });
});

describe("AUDIT_RETENTION_DAYS", () => {
  it("is optional: unset keeps events forever", () => {
    expect(parseEnv({}).AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(parseEnv({ AUDIT_RETENTION_DAYS: "" }).AUDIT_RETENTION_DAYS).toBeUndefined();
    expect(parseEnv({ AUDIT_RETENTION_DAYS: "365" }).AUDIT_RETENTION_DAYS).toBe(365);
  });

  it.each([["0"], ["-3"], ["1.5"], ["a year"], ["36501"]])("refuses %s with a message naming the variable", (value) => {
    expect(() => parseEnv({ AUDIT_RETENTION_DAYS: value })).toThrow(
      /^Configuration error: AUDIT_RETENTION_DAYS must be/,
    );
  });
});
