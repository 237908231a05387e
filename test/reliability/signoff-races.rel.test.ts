// The sign-off race of lib/signoff/signoff.int.test.ts, a hundred times in a row: two
// reviewers approve while the owner reopens a critical item. One consistent outcome every
// time (docs/decisions/0005-sign-off-consistency.md).
import { describe, it } from "vitest";
import { useTestPrisma } from "@/test/db";
import { raceTwoApprovalsAndAnItemChange } from "@/test/signoff-fixtures";

const prisma = useTestPrisma();

describe("sign-off races, 100 rounds", () => {
  it("end consistent in every round", async () => {
    for (let round = 0; round < 100; round++) await raceTwoApprovalsAndAnItemChange(prisma);
  }, 240_000);
});
