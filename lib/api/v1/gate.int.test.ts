// The gate as a pipeline calls it: GET /api/v1/deployments/{id}/gate with a GATE token,
// for deployments brought into each state through the real use cases.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/deployments/[id]/gate/route";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { gateNotReadyResponse, gateReadyResponse } from "@/lib/api/v1/schemas";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
let secret: string;

beforeAll(async () => {
  const admin = await createTestUser(prisma, "ADMIN");
  secret = (await createApiToken(admin, { name: "pipeline", scopes: ["GATE"] })).secret;
});

async function askGate(id: string) {
  const response = await GET(
    new Request(`http://localhost/api/v1/deployments/${id}/gate`, { headers: { authorization: `Bearer ${secret}` } }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: await response.json() };
}

async function reasonCodes(id: string): Promise<string[]> {
  const { status, body } = await askGate(id);
  expect(status).toBe(409);
  return gateNotReadyResponse.parse(body).reasons.map((r) => r.code);
}

/** A deployment moved forward through the real use cases, up to `stage`. */
async function deploymentAt(stage: "draft" | "criticalDone" | "inReview" | "signedOff", requiredApprovals = 1) {
  const owner = await createTestUser(prisma, "ENGINEER");
  const reviewers = [await createTestUser(prisma, "REVIEWER"), await createTestUser(prisma, "REVIEWER")];
  const template = await importSmallTemplate(prisma);
  await prisma.templateVersion.updateMany({ where: { templateId: template.templateId }, data: { requiredApprovals } });
  const { id } = await createDeployment(owner, {
    service: uniqueKey("gate"),
    environment: "prod",
    version: "1",
    templateVersionId: template.versionId,
  });
  const leaves = async () => leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items));
  const setItem = async (text: string, status: "DONE" | "OPEN") => {
    const leaf = (await leaves()).find((l) => l.text === text)!;
    await updateItemState(owner, { deploymentId: id, itemId: leaf.id, version: leaf.state!.version, status });
  };
  if (stage !== "draft")
    for (const text of ["Database password", "API keys", "Backups verified"]) await setItem(text, "DONE");
  if (stage === "inReview" || stage === "signedOff") await submitForReview(owner, { deploymentId: id });
  if (stage === "signedOff") {
    for (const reviewer of reviewers.slice(0, requiredApprovals))
      await approveDeployment(reviewer, { deploymentId: id, comment: "ok", digest: (await getChecklist(id))!.digest });
  }
  return { id, setItem, reviewers };
}

describe("the deployment gate", () => {
  it("is closed while critical items are open, and says so", async () => {
    const { id } = await deploymentAt("draft");
    const { body } = await askGate(id);
    expect(gateNotReadyResponse.parse(body)).toMatchObject({ ready: false, deploymentId: id, status: "DRAFT" });
    expect(body.reasons).toContainEqual({ code: "OPEN_CRITICAL_ITEMS", message: "3 critical item(s) are open." });
    expect(await reasonCodes(id)).toEqual(["OPEN_CRITICAL_ITEMS", "NOT_SUBMITTED"]);
  });

  it("is closed for a ready checklist that was never submitted", async () => {
    const { id } = await deploymentAt("criticalDone");
    expect(await reasonCodes(id)).toEqual(["NOT_SUBMITTED"]);
  });

  it("is closed while approvals are missing (two required, one given)", async () => {
    const { id, reviewers } = await deploymentAt("inReview", 2);
    await approveDeployment(reviewers[0]!, {
      deploymentId: id,
      comment: "first",
      digest: (await getChecklist(id))!.digest,
    });
    const { body } = await askGate(id);
    expect(body.reasons).toEqual([{ code: "MISSING_APPROVALS", message: "1 of 2 required approval(s) given." }]);
  });

  it("opens when signed off and the sign-off stands", async () => {
    const { id, reviewers } = await deploymentAt("signedOff", 2);
    const { status, body } = await askGate(id);
    expect(status).toBe(200);
    const ready = gateReadyResponse.parse(body);
    expect(ready).toMatchObject({
      ready: true,
      deploymentId: id,
      status: "SIGNED_OFF",
      requiredApprovals: 2,
      digest: (await getChecklist(id))!.digest,
    });
    expect(ready.approvals.map((a) => a.reviewer.id).sort()).toEqual(reviewers.map((r) => r.id).sort());
    expect(ready.signedOffAt).toBe(
      ready.approvals
        .map((a) => a.approvedAt)
        .sort()
        .at(-1),
    );
    expect(new Date(ready.nextReviewAt!).getTime()).toBeGreaterThan(Date.now());
  });

  it("closes when a later change invalidates the sign-off", async () => {
    const { id, setItem } = await deploymentAt("signedOff");
    await setItem("Backups verified", "OPEN");
    const codes = await reasonCodes(id);
    expect(codes).toEqual(["OPEN_CRITICAL_ITEMS", "SIGNOFF_INVALIDATED", "NOT_SUBMITTED"]);
    const { body } = await askGate(id);
    expect(body.reasons[1].message).toContain("Backups verified");
  });

  it("closes when a change keeps the checklist ready but voids the approval", async () => {
    const { id, setItem } = await deploymentAt("signedOff");
    await setItem("Alerts configured", "DONE");
    expect(await reasonCodes(id)).toEqual(["SIGNOFF_INVALIDATED", "MISSING_APPROVALS"]);
  });

  it("closes when the sign-off's review date has passed", async () => {
    const { id } = await deploymentAt("signedOff");
    await prisma.signOff.updateMany({
      where: { deploymentId: id },
      data: { nextReviewAt: new Date(Date.now() - 86_400_000) },
    });
    expect(await reasonCodes(id)).toEqual(["REVIEW_EXPIRED"]);
  });

  it("answers 404 for an unknown deployment", async () => {
    expect(await askGate("no-such-deployment")).toEqual({
      status: 404,
      body: { error: "That deployment does not exist." },
    });
  });
});
