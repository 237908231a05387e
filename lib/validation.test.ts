import { describe, expect, it } from "vitest";
import { entityId, isPlausibleId, isRealDay } from "@/lib/validation";
import { createDeploymentSchema } from "@/lib/deployments/schemas";
import { approveSchema } from "@/lib/signoff/schemas";

describe("isRealDay", () => {
  it("accepts days that exist and refuses the ones Date.parse rolls over", () => {
    expect(["2026-02-28", "2028-02-29", "2026-12-31"].map(isRealDay)).toEqual([true, true, true]);
    expect(["2026-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10"].map(isRealDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("is what the deployment and sign-off dates use", () => {
    const deployment = createDeploymentSchema.safeParse({
      service: "s",
      environment: "e",
      version: "1",
      templateVersionId: "t",
      targetDate: "2026-02-30",
    });
    expect(deployment.error?.issues[0]).toMatchObject({ path: ["targetDate"], message: "That date does not exist." });
    const approval = approveSchema.safeParse({ deploymentId: "d", digest: "0".repeat(64), nextReviewAt: "2027-02-29" });
    expect(approval.error?.issues[0]).toMatchObject({ path: ["nextReviewAt"], message: "That date does not exist." });
  });
});

describe("ids", () => {
  it("refuses control characters, which Postgres cannot even compare (NUL)", () => {
    expect(entityId.safeParse("a\u0000b").success).toBe(false);
    expect(isPlausibleId("cmabc123")).toBe(true);
    expect(isPlausibleId("\u0000")).toBe(false);
    expect(isPlausibleId("x".repeat(65))).toBe(false);
  });
});
