// `npm run cli -- token create …` as an operator runs it: a real process on the test database
// (DATABASE_URL is set for integration tests), its stdout, stderr and exit code.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { authenticateApiToken } from "@/lib/api-tokens/authenticate-api-token";
import { uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "token", "create", ...args],
      { encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

async function user(role: "ENGINEER" | "VIEWER" | "MANAGER", active = true) {
  const email = `${uniqueKey(`token-${role.toLowerCase()}`)}@example.test`;
  return prisma.user.create({ data: { email, name: `CLI ${role}`, role, active }, select: { id: true, email: true } });
}

const tokensOf = (userId: string) => prisma.apiToken.count({ where: { userId } });

// Each run starts a TypeScript process (seconds on a busy machine).
describe.concurrent("npm run cli -- token create", { timeout: 120_000 }, () => {
  it("prints only the secret on stdout; it authenticates as the user; audited as cli, with no creator", async () => {
    const engineer = await user("ENGINEER");
    const result = await cli(
      "--email",
      engineer.email.toUpperCase(),
      "--scope",
      "write",
      "--scope",
      "GATE",
      "--name",
      "deploy pipeline",
      "--expires-days",
      "30",
    );
    expect(result.status).toBe(0);
    const secret = result.stdout.trim();
    expect(result.stdout).toBe(`${secret}\n`);
    const authenticated = await authenticateApiToken(secret, { db: prisma });
    expect(authenticated).toMatchObject({ actor: { id: engineer.id, role: "ENGINEER" }, scopes: ["WRITE", "GATE"] });

    const token = await prisma.apiToken.findUniqueOrThrow({ where: { id: authenticated.tokenId } });
    expect(token).toMatchObject({ name: "deploy pipeline", userId: engineer.id, createdById: null });
    const lastDay = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(token.expiresAt!.toISOString()).toBe(`${lastDay}T23:59:59.999Z`);
    expect(result.stderr).toContain(`Created the API token “deploy pipeline” for ${engineer.email} (Engineer).`);
    expect(result.stderr).toContain(`  id:      ${token.id}\n`);
    expect(result.stderr).toContain(`  prefix:  ${token.prefix}\n`);
    expect(result.stderr).toContain("  scopes:  WRITE, GATE\n");
    expect(result.stderr).toContain(`  expires: ${lastDay} (end of the day, UTC)\n`);
    expect(result.stderr).not.toContain(secret);

    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { entityId: token.id, action: "api-token.create" },
    });
    expect(audit).toMatchObject({
      actorId: null,
      actorLabel: "cli",
      after: { userId: engineer.id, userEmail: engineer.email, scopes: ["WRITE", "GATE"] },
    });
  });

  it("without --expires-days makes a token that does not expire, named after its user", async () => {
    const manager = await user("MANAGER");
    const result = await cli("--email", manager.email, "--scope", "READ");
    expect(result.status).toBe(0);
    const token = await prisma.apiToken.findFirstOrThrow({ where: { userId: manager.id } });
    expect(token).toMatchObject({ expiresAt: null, scopes: ["READ"], name: `cli token for ${manager.email}` });
    expect(result.stderr).toContain("  expires: never\n");
  });

  it.each([
    [["--scope", "READ"], "--email: Give the user's email address."],
    [["--email", "not-an-email", "--scope", "READ"], "--email: Enter a valid email address."],
    [["--email", "someone@example.test"], "--scope: Give at least one scope: READ, WRITE or GATE."],
    [
      ["--email", "someone@example.test", "--scope", "ADMIN"],
      "--scope: “ADMIN” is not a scope; a scope is READ, WRITE or GATE.",
    ],
    [
      ["--email", "someone@example.test", "--scope", "READ", "--expires-days", "0"],
      "--expires-days: Give a whole number of days from 1 to 3650.",
    ],
    [
      ["--email", "someone@example.test", "--scope", "READ", "--expires-days", "3651"],
      "--expires-days: Give a whole number of days from 1 to 3650.",
    ],
    [
      ["--email", "someone@example.test", "--scope", "READ", "--expires-days", "1.5"],
      "--expires-days: Give a whole number of days from 1 to 3650.",
    ],
  ])("%j refuses with one line on stderr and exit 2, before the database", async (args, message) => {
    expect(await cli(...args)).toEqual({ status: 2, stdout: "", stderr: `${message}\n` });
  });

  it("refuses an unknown, a viewer's or a deactivated user's email with one line naming it, exit 2, nothing written", async () => {
    const viewer = await user("VIEWER");
    const inactive = await user("ENGINEER", false);
    const unknown = `${uniqueKey("nobody")}@example.test`;
    for (const [email, message] of [
      [unknown, `--email: There is no user with the email ${unknown}.`],
      [
        viewer.email,
        `--email: ${viewer.email} is a viewer; a token must speak for a user who can work on deployments.`,
      ],
      [inactive.email, `--email: ${inactive.email} is deactivated; a token must speak for an active user.`],
    ] as const) {
      const result = await cli("--email", email, "--scope", "WRITE");
      expect(result.status, email).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n").at(-1)).toBe(message);
    }
    expect([await tokensOf(viewer.id), await tokensOf(inactive.id)]).toEqual([0, 0]);
  });
});
