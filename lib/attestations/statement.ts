// The in-toto Statement v1 of a sign-off: what was approved (the digest of the item states,
// and the commit when the release names one) and by whom, under Preflight's own predicate
// type. Pure, so the CLI reads it without a database.
import { z } from "zod";
import type { Verdict } from "@/lib/checklists/readiness";

export const STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
export const SIGN_OFF_PREDICATE_TYPE = "https://preflight.dev/attestation/sign-off/v1";
/** The DSSE payload type of an in-toto statement. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

type Person = { id: string; name: string };

export type SignOffStatementInput = {
  deployment: { id: string; service: string; environment: string; version: string; releaseRef: string | null };
  template: { id: string; name: string; version: number };
  /** The approved item states' digest (lib/signoff/digest.ts) and the algorithm version that made it. */
  digest: string;
  digestVersion: number;
  approvals: { reviewer: Person; approvedAt: Date; comment: string; groups: string[] }[];
  waivers: { itemKey: string; itemText: string; expiresAt: Date; approvers: Person[] }[];
  verdict: Verdict;
  /** The hash of this approval's own audit event: the attestation anchors a point of the chain. */
  auditEventHash: string;
};

const person = z.object({ id: z.string(), name: z.string() });
const resourceDescriptor = z.object({ name: z.string(), digest: z.record(z.string(), z.string()) });

/** What a verifier relies on; other fields are ignored (in-toto consumers must ignore unknown fields). */
export const signOffStatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(resourceDescriptor).min(1),
  predicateType: z.literal(SIGN_OFF_PREDICATE_TYPE),
  predicate: z.object({
    deploymentId: z.string(),
    service: z.string(),
    environment: z.string(),
    version: z.string(),
    template: z.object({ id: z.string(), name: z.string(), version: z.number() }),
    digestVersion: z.number().int(),
    approvals: z.array(
      z.object({ reviewer: person, approvedAt: z.string(), comment: z.string(), groups: z.array(z.string()) }),
    ),
    waivers: z.array(
      z.object({ itemKey: z.string(), itemText: z.string(), expiresAt: z.string(), approvers: z.array(person) }),
    ),
    verdict: z.string(),
    auditEventHash: z.string(),
  }),
});

export type SignOffStatement = z.infer<typeof signOffStatementSchema>;

const commitSha = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

export function buildSignOffStatement(input: SignOffStatementInput): SignOffStatement {
  const { deployment, template } = input;
  const subject: SignOffStatement["subject"] = [
    { name: `preflight:${deployment.service}@${deployment.version}`, digest: { sha256: input.digest } },
  ];
  // A tag or branch can move; only a commit SHA identifies what ships.
  const ref = deployment.releaseRef?.trim();
  if (ref && commitSha.test(ref)) subject.push({ name: `git:${ref}`, digest: { gitCommit: ref.toLowerCase() } });
  return {
    _type: STATEMENT_TYPE,
    subject,
    predicateType: SIGN_OFF_PREDICATE_TYPE,
    predicate: {
      deploymentId: deployment.id,
      service: deployment.service,
      environment: deployment.environment,
      version: deployment.version,
      template: { id: template.id, name: template.name, version: template.version },
      digestVersion: input.digestVersion,
      approvals: input.approvals.map((approval) => ({
        reviewer: { id: approval.reviewer.id, name: approval.reviewer.name },
        approvedAt: approval.approvedAt.toISOString(),
        comment: approval.comment,
        groups: [...approval.groups],
      })),
      waivers: input.waivers.map((waiver) => ({
        itemKey: waiver.itemKey,
        itemText: waiver.itemText,
        expiresAt: waiver.expiresAt.toISOString(),
        approvers: waiver.approvers.map(({ id, name }) => ({ id, name })),
      })),
      verdict: input.verdict,
      auditEventHash: input.auditEventHash,
    },
  };
}

/** The bytes to sign: the statement as compact JSON (a verifier hashes nothing but these bytes). */
export function serializeStatement(statement: SignOffStatement): Buffer {
  return Buffer.from(JSON.stringify(statement), "utf8");
}

/** Reads a verified payload back; `problem` names what is wrong in plain words. */
export function parseSignOffStatement(
  payloadType: string,
  payload: Buffer,
): { statement: SignOffStatement } | { problem: string } {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return { problem: `the payload type is “${payloadType}”, not ${IN_TOTO_PAYLOAD_TYPE}` };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString("utf8"));
  } catch {
    return { problem: "the payload is not JSON" };
  }
  const parsed = signOffStatementSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      problem: `the payload is not a Preflight sign-off statement (${issue.path.join(".") || "statement"}: ${issue.message})`,
    };
  }
  return { statement: parsed.data };
}

/** The sha256 subject: the digest of the approved item states. */
export function approvedDigestOf(statement: SignOffStatement): string | undefined {
  return statement.subject.find((s) => s.name.startsWith("preflight:"))?.digest.sha256;
}
