import { formatDate, formatDateTime } from "@/lib/format";

export type RecordedDecision = {
  id: string;
  decision: "APPROVED" | "REJECTED";
  reviewer: string;
  createdAt: Date;
  comment: string;
  digest: string;
  /** 1: the digest covered every item; 2: the pre-deployment items only. */
  digestVersion: number;
  /** Compared by the decision's own digest algorithm. */
  matchesChecklist: boolean;
  nextReviewAt: Date | null;
  invalidatedAt: Date | null;
  invalidatedBy: string | null;
  invalidationReason: string | null;
  attestationKeyId: string | null;
  hasSnapshot: boolean;
};

type Props = { deploymentId: string; decisions: RecordedDecision[]; requiredApprovals: number };

/** Every review decision, oldest first: what was approved (the digest), by whom, and whether it still stands. */
export function SignOffRecord({ deploymentId, decisions, requiredApprovals }: Props) {
  const standing = decisions.filter((d) => d.decision === "APPROVED" && !d.invalidatedAt).length;
  return (
    <section
      aria-labelledby="record-sign-off"
      data-print-keep
      className="mt-10 rounded-xl border-2 border-slate-300 p-4 dark:border-slate-700"
    >
      <h2 id="record-sign-off" className="text-lg font-semibold">
        Sign-off
      </h2>
      <p className="mt-1 text-sm" data-testid="record-approvals">
        {standing} of {requiredApprovals} required approval{requiredApprovals === 1 ? "" : "s"} valid.
      </p>
      {decisions.length === 0 ? (
        <p className="mt-3 text-sm">No reviewer has decided on this deployment yet.</p>
      ) : (
        <ol className="mt-3 space-y-3">
          {decisions.map((d) => (
            <li
              key={d.id}
              data-testid="record-decision"
              className="break-inside-avoid rounded-md border border-slate-200 p-3 text-sm dark:border-slate-800"
            >
              <p className="font-semibold">
                {d.decision === "APPROVED" ? "Approved" : "Rejected"} by {d.reviewer}, {formatDateTime(d.createdAt)}
              </p>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
                <dt className="text-slate-600 dark:text-slate-400">Comment</dt>
                <dd className="whitespace-pre-wrap">{d.comment || "—"}</dd>
                {d.decision === "APPROVED" ? (
                  <>
                    <dt className="text-slate-600 dark:text-slate-400">Next review</dt>
                    <dd>{formatDate(d.nextReviewAt)}</dd>
                  </>
                ) : null}
                <dt className="text-slate-600 dark:text-slate-400">
                  Digest (sha256, {d.digestVersion === 1 ? "every item" : "pre-deployment items"})
                </dt>
                <dd className="font-mono text-xs break-all">
                  {d.digest}
                  <span className="block font-sans text-slate-600 dark:text-slate-400">
                    {d.matchesChecklist
                      ? "Matches the item states in this record."
                      : "Differs from the item states in this record: items changed after this decision."}
                  </span>
                </dd>
                {d.attestationKeyId ? (
                  <>
                    <dt className="text-slate-600 dark:text-slate-400">Attestation</dt>
                    <dd data-testid="record-attestation">
                      Signed with key <span className="font-mono text-xs">{d.attestationKeyId}</span>
                      <span className="block text-xs print:hidden">
                        <a
                          className="text-brand-700 underline dark:text-brand-50"
                          href={`/api/v1/deployments/${deploymentId}/attestations`}
                        >
                          Attestations (JSON)
                        </a>{" "}
                        ·{" "}
                        <a className="text-brand-700 underline dark:text-brand-50" href="/api/v1/attestation-keys">
                          Public keys
                        </a>
                      </span>
                    </dd>
                  </>
                ) : null}
                {d.hasSnapshot ? (
                  <>
                    <dt className="text-slate-600 dark:text-slate-400">Approved states</dt>
                    <dd className="print:hidden">
                      <a
                        className="text-brand-700 underline dark:text-brand-50"
                        href={`/deployments/${deploymentId}/record.json?signOff=${d.id}`}
                      >
                        record.json
                      </a>
                    </dd>
                  </>
                ) : null}
                <dt className="text-slate-600 dark:text-slate-400">Status</dt>
                <dd data-testid="record-decision-validity">
                  {d.invalidatedAt
                    ? `Invalidated ${formatDateTime(d.invalidatedAt)}${d.invalidatedBy ? ` by ${d.invalidatedBy}` : ""}: ${d.invalidationReason ?? "no reason recorded"}`
                    : d.decision === "APPROVED"
                      ? "Valid"
                      : "Rejection: the deployment went back to the team"}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
