// The record of one approval for offline checks (record.json): the canonical item states
// its digest was computed from. Hashing them the way checklistDigest does must give the
// attestation's sha256 subject. Pure.
import { z } from "zod";
import { checklistDigest, digestVersionOf, type DigestState } from "@/lib/signoff/digest";

const digestState = z.object({
  key: z.string(),
  kind: z.string(),
  status: z.string(),
  naReason: z.string().nullable(),
  note: z.string().nullable(),
  evidenceLinks: z.array(z.string()),
});

export const signOffRecordSchema = z.object({
  deploymentId: z.string(),
  signOffId: z.string(),
  digestVersion: z.number().int(),
  items: z.array(digestState),
});

export type SignOffRecord = z.infer<typeof signOffRecordSchema>;

/** What GET …/record.json serves: the approval's stored snapshot, as the digest's input. */
export function buildSignOffRecord(signOff: {
  id: string;
  deploymentId: string;
  digestVersion: number;
  snapshot: DigestState[];
}): SignOffRecord {
  return {
    deploymentId: signOff.deploymentId,
    signOffId: signOff.id,
    digestVersion: signOff.digestVersion,
    items: signOff.snapshot,
  };
}

/** Reads a record and hashes its items; `problem` names what is wrong in plain words. */
export function recordDigest(value: unknown): { record: SignOffRecord; digest: string } | { problem: string } {
  const parsed = signOffRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return {
      problem: `the record is not a Preflight sign-off record (${issue.path.join(".") || "record"}: ${issue.message})`,
    };
  }
  let version;
  try {
    version = digestVersionOf(parsed.data.digestVersion);
  } catch {
    return {
      problem: `the record names digest version ${parsed.data.digestVersion}, which this version of Preflight does not know`,
    };
  }
  return { record: parsed.data, digest: checklistDigest(parsed.data.items, version) };
}
