// scripts/gate-check.sh run as a pipeline runs it, against the real gate and PATCH route
// handlers (served over HTTP by a small adapter here) and the real database: exit codes,
// what it prints, and what --mark-deployed records.
import { execFile } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import type { CurrentUser } from "@/lib/auth/session";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);

const prisma = useTestPrisma();
let server: Server;
let baseUrl: string;
/** Runs before the PATCH reaches the route: a change that lands between gate and go-live. */
let beforePatch: (() => Promise<void>) | null = null;

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const gate = await import("@/app/api/v1/deployments/[id]/gate/route");
  const deployment = await import("@/app/api/v1/deployments/[id]/route");
  server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url!, "http://localhost");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const body = req.method === "GET" ? undefined : new Uint8Array(await bodyOf(req));
      const request = new Request(url, { method: req.method, headers, body });
      const gatePath = /^\/api\/v1\/deployments\/([^/]+)\/gate$/.exec(url.pathname);
      const deploymentPath = /^\/api\/v1\/deployments\/([^/]+)$/.exec(url.pathname);
      let response: Response;
      if (gatePath && req.method === "GET")
        response = await gate.GET(request, { params: Promise.resolve({ id: gatePath[1]! }) });
      else if (deploymentPath && req.method === "PATCH") {
        await beforePatch?.();
        response = await deployment.PATCH(request, { params: Promise.resolve({ id: deploymentPath[1]! }) });
      } else response = new Response("{}", { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function gateCheck(args: string[], token: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "bash",
      ["scripts/gate-check.sh", ...args],
      { env: { ...process.env, PREFLIGHT_URL: baseUrl, PREFLIGHT_TOKEN: token } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, output: stdout + stderr }),
    );
  });
}

async function tokenFor(role: CurrentUser["role"]) {
  const creator = await createTestUser(prisma, "ADMIN");
  const { secret } = await createApiToken(creator, { name: uniqueKey("ci"), scopes: ["WRITE"] });
  if (role !== "ADMIN") await prisma.user.update({ where: { id: creator.id }, data: { role } });
  return secret;
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

const deploymentRow = (id: string) => prisma.deployment.findUniqueOrThrow({ where: { id } });

describe("scripts/gate-check.sh --mark-deployed", () => {
  let engineer: string;
  beforeAll(async () => {
    engineer = await tokenFor("ENGINEER");
  });

  it("marks a deployment with an open gate deployed, with the pipeline link; a rerun changes nothing", async () => {
    const { deploymentId } = await signedOff();
    const url = "https://ci.example.com/runs/77?attempt=1";
    const result = await gateCheck(["--mark-deployed", "--pipeline-url", url, deploymentId], engineer);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`Deployment ${deploymentId} is ready: signed off.`);
    expect(result.output).toContain(`Marked deployment ${deploymentId} deployed.`);
    const row = await deploymentRow(deploymentId);
    expect([row.status, row.pipelineRunUrl]).toEqual(["DEPLOYED", url]);

    const again = await gateCheck(["--mark-deployed", deploymentId], engineer);
    expect([again.code, again.output]).toEqual([0, expect.stringContaining("was already marked deployed")]);
  });

  it("a closed gate: exit 1 with the reasons, nothing marked", async () => {
    const { deploymentId } = await deploymentInReview(prisma);
    const result = await gateCheck(["--mark-deployed", deploymentId], engineer);
    expect(result.code).toBe(1);
    expect(result.output).toContain("MISSING_APPROVALS");
    expect((await deploymentRow(deploymentId)).status).toBe("READY_FOR_REVIEW");
  });

  it("a change between the gate and the go-live: the PATCH is refused, exit 1 with the reasons", async () => {
    const { deploymentId, owner, leaves } = await signedOff();
    beforePatch = async () => {
      const leaf = (await leaves()).find((l) => l.text === "API keys")!;
      await updateItemState(owner, { deploymentId, itemId: leaf.id, version: leaf.state!.version, status: "OPEN" });
    };
    try {
      const result = await gateCheck(["--mark-deployed", deploymentId], engineer);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(`Preflight refused to mark deployment ${deploymentId} deployed:`);
      expect(result.output).toContain("OPEN_CRITICAL_ITEMS");
    } finally {
      beforePatch = null;
    }
    expect((await deploymentRow(deploymentId)).status).toBe("IN_PROGRESS");
  });

  it("a token whose user may not deploy (a manager's): exit 2 naming the refusal", async () => {
    const { deploymentId } = await signedOff();
    const result = await gateCheck(["--mark-deployed", deploymentId], await tokenFor("MANAGER"));
    expect(result.code).toBe(2);
    expect(result.output).toContain("Preflight answered HTTP 403");
    expect((await deploymentRow(deploymentId)).status).toBe("SIGNED_OFF");
  });

  it.each([
    [["--pipeline-url", "https://ci.example.com/1", "abc"], "--pipeline-url goes with --mark-deployed."],
    [["--mark-deployed", "--pipeline-url", 'https://x/"}', "abc"], "is not an http(s) URL"],
    [["--mark-deployed", "--pipeline-url"], "--pipeline-url needs a URL."],
    [["--deploy", "abc"], "Unknown option '--deploy'."],
    [["a", "b"], "Give one deployment id."],
  ])("usage error %j: exit 2", async (args, message) => {
    const result = await gateCheck(args, engineer);
    expect([result.code, result.output]).toEqual([2, expect.stringContaining(message)]);
  });
});
