// Sign-in limits as several app instances see them: two Prisma clients (two "instances",
// each with its own connection pool) on one database share every counter.
import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import {
  accountKey,
  beginAttempt,
  SIGN_IN_MAX_FAILURES,
  SIGN_IN_WINDOW_MS,
  windowStartOf,
} from "@/lib/auth/rate-limit";
import { uniqueKey, useTestPrisma } from "@/test/db";

const instanceA = useTestPrisma();
const instanceB = useTestPrisma();
const password = "correct horse battery staple";

async function createUser() {
  const email = `${uniqueKey("limited")}@example.test`;
  await instanceA.user.create({
    data: { email, name: "Limited User", role: "ENGINEER", passwordHash: await hashPassword(password) },
  });
  return email;
}

function failOn(instance: typeof instanceA, email: string, ip: string) {
  return authenticateWithPassword({ email, password: "wrong password", ip }, { db: instance });
}

describe("sign-in rate limits", () => {
  it("count failures per account across instances: the 11th attempt is refused on either, even with the right password", async () => {
    const email = await createUser();
    // Ten failures, alternating instances and from ten addresses, so only the account limit applies.
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      expect(await failOn(i % 2 ? instanceA : instanceB, email, uniqueKey("ip"))).toBeNull();
    }
    expect(await authenticateWithPassword({ email, password, ip: uniqueKey("ip") }, { db: instanceA })).toBeNull();
    expect(
      await authenticateWithPassword({ email: email.toUpperCase(), password, ip: uniqueKey("ip") }, { db: instanceB }),
    ).toBeNull();
  });

  it("count failures per IP across instances, whatever the email", async () => {
    const email = await createUser();
    const ip = uniqueKey("ip");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) {
      expect(await failOn(i % 2 ? instanceA : instanceB, `${uniqueKey("guess")}@example.test`, ip)).toBeNull();
    }
    expect(await authenticateWithPassword({ email, password, ip }, { db: instanceB })).toBeNull();
    // The same account from another address is not affected.
    expect(await authenticateWithPassword({ email, password, ip: uniqueKey("ip") }, { db: instanceA })).not.toBeNull();
  });

  it("do not count successful sign-ins, and a success does not reset earlier failures", async () => {
    const email = await createUser();
    const ip = uniqueKey("ip");
    for (let i = 0; i < SIGN_IN_MAX_FAILURES - 1; i++) await failOn(instanceA, email, ip);
    for (let i = 0; i < 3; i++)
      expect(await authenticateWithPassword({ email, password, ip }, { db: instanceB })).not.toBeNull();
    expect(await failOn(instanceA, email, ip)).toBeNull(); // the tenth failure
    expect(await authenticateWithPassword({ email, password, ip }, { db: instanceB })).toBeNull();
  });

  it("never let parallel guesses overshoot the limit", async () => {
    const email = await createUser();
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => beginAttempt(i % 2 ? instanceA : instanceB, [accountKey(email)])),
    );
    expect(attempts.filter((a) => a.allowed)).toHaveLength(SIGN_IN_MAX_FAILURES);
  });

  it("use fixed windows: a full window says nothing about the next one", async () => {
    const key = accountKey(`${uniqueKey("window")}@example.test`);
    const now = new Date();
    const previousWindow = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
    for (let i = 0; i < SIGN_IN_MAX_FAILURES; i++) await beginAttempt(instanceA, [key], previousWindow);
    expect((await beginAttempt(instanceB, [key], previousWindow)).allowed).toBe(false);
    expect((await beginAttempt(instanceB, [key], now)).allowed).toBe(true);
    const rows = await instanceA.rateLimitCounter.findMany({ where: { key }, orderBy: { windowStart: "asc" } });
    expect(rows.map((r) => [r.windowStart.toISOString(), r.count])).toEqual([
      [windowStartOf(previousWindow).toISOString(), SIGN_IN_MAX_FAILURES + 1],
      [windowStartOf(now).toISOString(), 1],
    ]);
  });
});
