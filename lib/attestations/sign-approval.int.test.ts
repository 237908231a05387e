// The approval that clears a deployment is attested in its own transaction: the envelope
// verifies with the listed public keys, its statement names the deployment, approvers and the
// approval's audit event, and the stored record hashes to its digest; a withdrawn approval's
// attestation still verifies against its own record, and stops standing.
import { describe, expect, it } from "vitest";
import { approvalRecord, listAttestations, standingAttestation } from "@/lib/attestations/queries";
import { listAttestationKeys } from "@/lib/attestations/list-keys";
import { readPublicKeys, verifySignOffAttestation } from "@/lib/attestations/verify";
import { leavesOf } from "@/lib/checklists/tree";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();

async function publicKeys() {
  const read = readPublicKeys(JSON.stringify(await listAttestationKeys()));
  if ("problem" in read) throw new Error(read.problem);
  return read.keys;
}

describe("sign-off attestations", () => {
  it("are signed when an approval clears the deployment, and verify offline with the record", async () => {
    const { owner, reviewers, deploymentId, digest } = await deploymentInReview(prisma);
    await expect(standingAttestation(deploymentId)).rejects.toMatchObject({
      status: 409,
      message: "This deployment has no attested sign-off yet.",
    });
    const approved = await digest();
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "Looks right", digest: approved });

    const standing = await standingAttestation(deploymentId);
    const record = await approvalRecord(deploymentId, undefined);
    const check = verifySignOffAttestation(standing.envelope, await publicKeys(), record);
    expect(check).toMatchObject({ ok: true, recordChecked: true, digest: approved, keyid: standing.keyid });
    if (!check.ok) throw new Error(check.reason);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "signoff.approve", entityId: standing.signOffId },
    });
    expect(check.statement.predicate).toMatchObject({
      deploymentId,
      approvals: [{ reviewer: { id: reviewers[0]!.id }, comment: "Looks right" }],
      auditEventHash: audit.hash,
    });

    // One changed item state in the record: the digest no longer matches.
    const tampered = structuredClone(record!);
    tampered.items[0]!.note = "changed afterwards";
    expect(verifySignOffAttestation(standing.envelope, await publicKeys(), tampered)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("digest mismatch"),
    });

    // A later change withdraws the approval: its attestation stops standing, still verifies
    // against its own record, and is listed as withdrawn.
    const leaf = leavesOf((await getChecklist(deploymentId))!.sections.flatMap((s) => s.items)).find(
      (l) => l.text === "API keys",
    )!;
    await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "OPEN" });
    await expect(standingAttestation(deploymentId)).rejects.toMatchObject({ status: 409 });
    const [withdrawn] = await listAttestations(deploymentId);
    expect(withdrawn).toMatchObject({ signOffId: standing.signOffId, invalidatedAt: expect.any(String) });
    const own = await approvalRecord(deploymentId, standing.signOffId);
    expect(verifySignOffAttestation(withdrawn!.envelope, await publicKeys(), own)).toMatchObject({ ok: true });
    expect(await approvalRecord(deploymentId, undefined)).toBeNull();
  });

  it("are not made for an approval that does not clear the deployment, which still keeps its snapshot", async () => {
    const { reviewers, deploymentId, digest } = await deploymentInReview(prisma, 2);
    await approveDeployment(reviewers[0]!, { deploymentId, comment: "", digest: await digest() });
    const [first] = await prisma.signOff.findMany({ where: { deploymentId } });
    expect(first).toMatchObject({ attestation: null, attestationKeyId: null });
    expect(Array.isArray(first!.snapshot)).toBe(true);
    await approveDeployment(reviewers[1]!, { deploymentId, comment: "", digest: await digest() });
    expect(await listAttestations(deploymentId)).toHaveLength(1);
  });
});
