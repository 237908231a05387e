// `npm run cli -- user …` as an operator runs it: a real process on the test database
// (DATABASE_URL is set for integration tests), its stdout, stderr and exit code.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
      { encoding: "utf8", timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe.concurrent("npm run cli -- user", () => {
  it("create prints only the one-time password on stdout, and the user must change it", async () => {
    const email = `${uniqueKey("Cli")}@B.c`; // short domains are fine, as in a browser's type="email"
    const result = await cli("user", "create", "--email", email, "--role", "admin", "--name", "Casey Admin");
    expect(result.status).toBe(0);
    const password = result.stdout.trim();
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(result.stderr).toContain(`Created ${email.toLowerCase()} (Admin).`);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: "Casey Admin", role: "ADMIN", mustChangePassword: true });
    expect(await verifyPassword(user.passwordHash!, password)).toBe(true);
    expect(
      await prisma.auditEvent.findFirst({ where: { entityId: user.id, actorLabel: "cli", action: "user.create" } }),
    ).not.toBeNull();

    const duplicate = await cli("user", "create", "--email", email, "--role", "VIEWER");
    expect(duplicate.status).toBe(1);
    expect(duplicate.stdout).toBe("");
    expect(duplicate.stderr.trim().split("\n").at(-1)).toBe(
      `A user with the email ${email.toLowerCase()} already exists.`,
    );
  });

  it.each([
    [
      ["--email", "someone@example.test", "--role", "ROOT"],
      "--role: Choose a role: ADMIN, MANAGER, REVIEWER, ENGINEER or VIEWER.",
    ],
    [["--email", "someone@example.test"], "--role: Choose a role: ADMIN, MANAGER, REVIEWER, ENGINEER or VIEWER."],
    [["--email", "not-an-email", "--role", "VIEWER"], "--email: Enter a valid email address."],
    [["--role", "VIEWER"], "--email: Give the user's email address."],
  ])("create %j refuses with one line on stderr and exit 2", async (args, message) => {
    const result = await cli("user", "create", ...args);
    expect(result).toEqual({ status: 2, stdout: "", stderr: `${message}\n` });
  });

  it("reset-password gives a new one-time password and ends the user's sessions", async () => {
    const email = `${uniqueKey("reset")}@example.test`;
    const created = await prisma.user.create({ data: { email, name: "Robin", role: "ENGINEER" } });
    const result = await cli("user", "reset-password", "--email", email.toUpperCase());
    expect(result.status).toBe(0);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user).toMatchObject({ mustChangePassword: true, tokenVersion: 1 });
    expect(await verifyPassword(user.passwordHash!, result.stdout.trim())).toBe(true);

    const unknown = await cli("user", "reset-password", "--email", `${uniqueKey("nobody")}@example.test`);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim().split("\n").at(-1)).toMatch(
      /^There is no user with the email nobody-.*@example\.test\.$/,
    );
  });
});
