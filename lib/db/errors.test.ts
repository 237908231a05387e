import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { isDatabaseUnavailable } from "@/lib/db/errors";

const known = (code: string, meta?: Record<string, unknown>) =>
  new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "7", meta });

describe("isDatabaseUnavailable", () => {
  it("recognises an unreachable server, a lost connection and a shutdown", () => {
    expect(isDatabaseUnavailable(known("P1001"))).toBe(true);
    expect(isDatabaseUnavailable(known("P2010", { driverAdapterError: { cause: { kind: "ConnectionClosed" } } }))).toBe(
      true,
    );
    expect(
      isDatabaseUnavailable(
        known("P2010", { driverAdapterError: { cause: { kind: "postgres", originalCode: "57P01" } } }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("wrapped", { cause: new Error("timeout exceeded when trying to connect") })),
    ).toBe(true);
  });

  it("leaves ordinary query errors alone", () => {
    expect(isDatabaseUnavailable(known("P2002"))).toBe(false);
    expect(
      isDatabaseUnavailable(
        known("P2010", { driverAdapterError: { cause: { kind: "postgres", originalCode: "23505" } } }),
      ),
    ).toBe(false);
    expect(isDatabaseUnavailable(new Error("syntax error at or near"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it("M5: a transaction that could not start or finish in time (P2028), a query past its deadline and a server-side timeout are outages (503)", () => {
    expect(isDatabaseUnavailable(known("P2028"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: new Error("Query read timeout") }))).toBe(true);
    expect(
      isDatabaseUnavailable(
        known("P2010", { driverAdapterError: { cause: { kind: "postgres", originalCode: "57014" } } }),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("canceling statement due to lock timeout"))).toBe(true);
  });
});
