import { describe, expect, it } from "vitest";
import {
  approvedDigestOf,
  buildSignOffStatement,
  IN_TOTO_PAYLOAD_TYPE,
  parseSignOffStatement,
  serializeStatement,
  type SignOffStatementInput,
} from "./statement";

const digest = "a".repeat(64);
const input: SignOffStatementInput = {
  deployment: { id: "dep1", service: "billing", environment: "production", version: "2.4.0", releaseRef: null },
  template: { id: "tpl1", name: "Production Security Checklist", version: 3 },
  digest,
  digestVersion: 2,
  approvals: [
    {
      reviewer: { id: "u1", name: "Ada" },
      approvedAt: new Date("2026-12-01T10:00:00Z"),
      comment: "Looks right",
      groups: ["security"],
    },
  ],
  waivers: [
    {
      itemKey: "pen-test",
      itemText: "Penetration test done",
      expiresAt: new Date("2027-01-01T00:00:00Z"),
      approvers: [{ id: "u2", name: "Grace" }],
    },
  ],
  verdict: "GO_WITH_WAIVERS",
  auditEventHash: "b".repeat(64),
};

describe("buildSignOffStatement", () => {
  it("builds an in-toto Statement v1 with the approved digest as subject and Preflight's predicate", () => {
    expect(buildSignOffStatement(input)).toEqual({
      _type: "https://in-toto.io/Statement/v1",
      subject: [{ name: "preflight:billing@2.4.0", digest: { sha256: digest } }],
      predicateType: "https://preflight.dev/attestation/sign-off/v1",
      predicate: {
        deploymentId: "dep1",
        service: "billing",
        environment: "production",
        version: "2.4.0",
        template: { id: "tpl1", name: "Production Security Checklist", version: 3 },
        digestVersion: 2,
        approvals: [
          {
            reviewer: { id: "u1", name: "Ada" },
            approvedAt: "2026-12-01T10:00:00.000Z",
            comment: "Looks right",
            groups: ["security"],
          },
        ],
        waivers: [
          {
            itemKey: "pen-test",
            itemText: "Penetration test done",
            expiresAt: "2027-01-01T00:00:00.000Z",
            approvers: [{ id: "u2", name: "Grace" }],
          },
        ],
        verdict: "GO_WITH_WAIVERS",
        auditEventHash: "b".repeat(64),
      },
    });
  });

  it.each(["0123456789abcdef0123456789abcdef01234567", "AB".repeat(32)])(
    "adds the commit %s as a git subject",
    (ref) => {
      const statement = buildSignOffStatement({ ...input, deployment: { ...input.deployment, releaseRef: ref } });
      expect(statement.subject[1]).toEqual({ name: `git:${ref}`, digest: { gitCommit: ref.toLowerCase() } });
    },
  );

  it.each(["v2.4.0", "main", "0123456789abcdef", "g".repeat(40), "a".repeat(41)])(
    "adds no git subject for the reference %s, which is not a commit SHA",
    (ref) => {
      const statement = buildSignOffStatement({ ...input, deployment: { ...input.deployment, releaseRef: ref } });
      expect(statement.subject).toHaveLength(1);
    },
  );
});

describe("parseSignOffStatement", () => {
  const statement = buildSignOffStatement(input);

  it("reads back what was serialized, and finds the approved digest", () => {
    const parsed = parseSignOffStatement(IN_TOTO_PAYLOAD_TYPE, serializeStatement(statement));
    expect(parsed).toEqual({ statement });
    expect("statement" in parsed && approvedDigestOf(parsed.statement)).toBe(digest);
  });

  it("ignores fields it does not know", () => {
    const extended = Buffer.from(JSON.stringify({ ...statement, extra: 1 }));
    expect(parseSignOffStatement(IN_TOTO_PAYLOAD_TYPE, extended)).toHaveProperty("statement");
  });

  it.each<[string, string, Buffer, RegExp]>([
    ["another payload type", "application/json", serializeStatement(statement), /payload type is “application\/json”/],
    ["a payload that is not JSON", IN_TOTO_PAYLOAD_TYPE, Buffer.from("{"), /not JSON/],
    [
      "another predicate type",
      IN_TOTO_PAYLOAD_TYPE,
      Buffer.from(JSON.stringify({ ...statement, predicateType: "https://slsa.dev/provenance/v1" })),
      /not a Preflight sign-off statement \(predicateType:/,
    ],
  ])("names the problem with %s", (_name, type, payload, problem) => {
    const parsed = parseSignOffStatement(type, payload);
    expect("problem" in parsed && parsed.problem).toMatch(problem);
  });
});
