// PATCH and DELETE /api/v1/deployments/{id} called as a pipeline calls them: real tokens,
// real database. Field edits and a status move are all or nothing; a refused move answers
// 409 {error, code, reasons?}.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { Actor } from "@/lib/auth/policy";
import type { CurrentUser } from "@/lib/auth/session";
import { deploymentHeadResponse, transitionRefusedBody } from "@/lib/api/v1/schemas";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { deploymentInReview } from "@/test/signoff-fixtures";
import { importSmallTemplate } from "@/test/checklist-fixtures";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);

const route = () => import("@/app/api/v1/deployments/[id]/route");
const prisma = useTestPrisma();

async function tokenFor(role: CurrentUser["role"] = "ENGINEER", scopes: ("READ" | "WRITE" | "GATE")[] = ["WRITE"]) {
  const creator = await createTestUser(prisma, "ADMIN");
  const { secret } = await createApiToken(creator, { name: uniqueKey("ci"), scopes });
  if (role !== "ADMIN") await prisma.user.update({ where: { id: creator.id }, data: { role } });
  return secret;
}

async function patch(id: string, token: string, body: unknown, raw?: string) {
  const request = new Request(`http://localhost/api/v1/deployments/${id}`, {
    method: "PATCH",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
  return (await route()).PATCH(request, { params: Promise.resolve({ id }) });
}

async function remove(id: string, token: string) {
  const request = new Request(`http://localhost/api/v1/deployments/${id}`, {
    method: "DELETE",
    headers: { authorization: `Bearer ${token}` },
  });
  return (await route()).DELETE(request, { params: Promise.resolve({ id }) });
}

async function signedOff() {
  const fixture = await deploymentInReview(prisma);
  await approveDeployment(fixture.reviewers[0]!, {
    deploymentId: fixture.deploymentId,
    comment: "ok",
    digest: await fixture.digest(),
  });
  return fixture;
}

let engineerToken: string;
let versionId: string;
let engineer: Actor;

beforeAll(async () => {
  engineerToken = await tokenFor("ENGINEER");
  versionId = (await importSmallTemplate(prisma)).versionId;
  engineer = await createTestUser(prisma, "ENGINEER");
});

const draft = async (owner: Actor = engineer) =>
  (
    await createDeployment(owner, {
      service: uniqueKey("patch"),
      environment: "prod",
      version: "1.0.0",
      templateVersionId: versionId,
    })
  ).id;

describe("PATCH /api/v1/deployments/{id}", () => {
  it("edits fields and answers the deployment's head", async () => {
    const id = await draft();
    const response = await patch(id, engineerToken, {
      version: "1.1.0",
      releaseRef: "3f2c9a1",
      targetDate: "2030-05-01",
      pipelineRunUrl: "https://ci.example.com/runs/5",
    });
    expect(response.status).toBe(200);
    const head = deploymentHeadResponse.parse(await response.json());
    expect(head).toMatchObject({
      id,
      status: "DRAFT",
      version: "1.1.0",
      releaseRef: "3f2c9a1",
      targetDate: "2030-05-01",
      pipelineRunUrl: "https://ci.example.com/runs/5",
      deployedAt: null,
    });
  });

  it("marks a signed-off deployment deployed with its pipeline link", async () => {
    const { deploymentId } = await signedOff();
    const response = await patch(deploymentId, engineerToken, {
      status: "DEPLOYED",
      pipelineRunUrl: "https://ci.example.com/runs/6",
    });
    expect(response.status).toBe(200);
    const head = deploymentHeadResponse.parse(await response.json());
    expect([head.status, head.pipelineRunUrl, typeof head.deployedAt]).toEqual([
      "DEPLOYED",
      "https://ci.example.com/runs/6",
      "string",
    ]);
  });

  it("DEPLOYED with a closed gate: 409 with the gate's reasons", async () => {
    const { deploymentId } = await deploymentInReview(prisma);
    const response = await patch(deploymentId, engineerToken, { status: "DEPLOYED" });
    expect(response.status).toBe(409);
    const body = transitionRefusedBody.parse(await response.json());
    expect(body.code).toBe("TRANSITION_NOT_ALLOWED");
    expect(body.reasons?.map((r) => r.code)).toContain("MISSING_APPROVALS");
  });

  it("DEPLOYED with another field besides the pipeline link: 400 naming it", async () => {
    const { deploymentId } = await signedOff();
    const response = await patch(deploymentId, engineerToken, { status: "DEPLOYED", version: "9" });
    expect(response.status).toBe(400);
    expect((await response.json()).field).toBe("version");
    expect((await prisma.deployment.findUniqueOrThrow({ where: { id: deploymentId } })).status).toBe("SIGNED_OFF");
  });

  it("a MANAGER's WRITE token cannot deploy (403), though it can cancel", async () => {
    const manager = await tokenFor("MANAGER");
    const { deploymentId } = await signedOff();
    expect((await patch(deploymentId, manager, { status: "DEPLOYED" })).status).toBe(403);
    const cancel = await patch(deploymentId, manager, { status: "CANCELLED", reason: "Freeze" });
    expect(cancel.status).toBe(200);
    expect(deploymentHeadResponse.parse(await cancel.json())).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Freeze",
    });
  });

  it("a READ token or a VIEWER's token is refused (403)", async () => {
    const id = await draft();
    expect((await patch(id, await tokenFor("ENGINEER", ["READ"]), { version: "2" })).status).toBe(403);
    expect((await patch(id, await tokenFor("VIEWER"), { version: "2" })).status).toBe(403);
  });

  it("bad JSON, an unknown field, an empty body and CANCELLED without a reason: 400", async () => {
    const id = await draft();
    const broken = await patch(id, engineerToken, undefined, "{not json");
    expect(broken.status).toBe(400);
    expect((await broken.json()).error).toBe("The request body is not valid JSON.");
    const unknown = await patch(id, engineerToken, { statuss: "DEPLOYED" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toContain("statuss");
    expect((await patch(id, engineerToken, {})).status).toBe(400);
    const noReason = await patch(id, engineerToken, { status: "CANCELLED" });
    expect([noReason.status, (await noReason.json()).field]).toEqual([400, "reason"]);
  });

  it("a refused transition leaves the field edits unwritten", async () => {
    const id = await draft();
    const response = await patch(id, engineerToken, { version: "7.7.7", releaseRef: "v7", status: "IN_PROGRESS" });
    expect(response.status).toBe(409);
    expect((await response.json()).code).toBe("TRANSITION_NOT_ALLOWED");
    const deployment = await prisma.deployment.findUniqueOrThrow({ where: { id } });
    expect([deployment.version, deployment.releaseRef]).toEqual(["1.0.0", null]);
    expect(await prisma.auditEvent.count({ where: { entityId: id, action: "deployment.edit" } })).toBe(0);
  });

  it("READY_FOR_REVIEW submits; IN_PROGRESS then withdraws it, and reopens a cancelled one", async () => {
    const fixture = await deploymentInReview(prisma);
    const id = fixture.deploymentId;
    expect(
      deploymentHeadResponse.parse(await (await patch(id, engineerToken, { status: "IN_PROGRESS" })).json()).status,
    ).toBe("IN_PROGRESS");
    const submitted = await patch(id, engineerToken, { status: "READY_FOR_REVIEW", description: "Second try" });
    expect(deploymentHeadResponse.parse(await submitted.json())).toMatchObject({
      status: "READY_FOR_REVIEW",
      description: "Second try",
    });
    await patch(id, engineerToken, { status: "CANCELLED", reason: "Postponed" });
    const reopened = await patch(id, engineerToken, { status: "IN_PROGRESS" });
    expect(deploymentHeadResponse.parse(await reopened.json())).toMatchObject({
      status: "IN_PROGRESS",
      cancelReason: null,
    });
  });

  it("an unknown deployment: 404", async () => {
    expect((await patch("does-not-exist", engineerToken, { version: "2" })).status).toBe(404);
  });
});

describe("DELETE /api/v1/deployments/{id}", () => {
  it("deletes the token user's own draft (204); a started one is 409, someone else's 403", async () => {
    const creator = await createTestUser(prisma, "ADMIN");
    const { secret } = await createApiToken(creator, { name: uniqueKey("ci"), scopes: ["WRITE"] });
    await prisma.user.update({ where: { id: creator.id }, data: { role: "ENGINEER" } });
    const asEngineer = { id: creator.id, role: "ENGINEER" as const };

    const own = await draft(asEngineer);
    const deleted = await remove(own, secret);
    expect([deleted.status, await deleted.text()]).toEqual([204, ""]);
    expect(await prisma.deployment.findUnique({ where: { id: own } })).toBeNull();

    const someoneElses = await draft();
    expect((await remove(someoneElses, secret)).status).toBe(403);

    const started = await draft(asEngineer);
    await patch(started, secret, { status: "CANCELLED", reason: "Not needed" });
    const refused = await remove(started, secret);
    expect(refused.status).toBe(409);
    expect((await refused.json()).code).toBe("TRANSITION_NOT_ALLOWED");
  });
});
