import { describe, expect, it } from "vitest";
import { DAY_RANGE_MESSAGE, entityId, isDayInRange, isPlausibleId, isRealDay } from "@/lib/validation";
import { createDeploymentSchema } from "@/lib/deployments/schemas";
import { createGroupSchema } from "@/lib/groups/schemas";
import { approveSchema } from "@/lib/signoff/schemas";
import { createUserSchema } from "@/lib/users/schemas";

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

describe("names people read (I3)", () => {
  // U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+200B–U+200D, U+2060, U+FEFF zero-width.
  const hidden = [
    ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069],
    ...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff],
  ].map((code) => String.fromCodePoint(code));
  const deployment = (fields: Record<string, string>) =>
    createDeploymentSchema.safeParse({
      service: "s",
      environment: "e",
      version: "1",
      templateVersionId: "t",
      ...fields,
    });

  it("I3: a service, environment or version label refuses direction overrides and zero-width characters by name", () => {
    expect(deployment({ service: "evil\u202egnp.exe" }).error?.issues).toEqual([
      expect.objectContaining({
        path: ["service"],
        message: "The service cannot contain invisible or direction-changing characters.",
      }),
    ]);
    for (const character of hidden) {
      for (const field of ["service", "environment", "version"]) {
        const result = deployment({ [field]: `pay${character}ments` });
        expect(result.error?.issues[0], `${field} U+${character.codePointAt(0)?.toString(16)}`).toMatchObject({
          path: [field],
          message: `The ${field} cannot contain invisible or direction-changing characters.`,
        });
      }
    }
  });

  it("I3: user and group names refuse them too", () => {
    for (const character of hidden) {
      const user = createUserSchema.safeParse({
        name: `Ann${character} Lee`,
        email: "ann@example.test",
        role: "VIEWER",
      });
      expect(user.error?.issues[0]).toMatchObject({
        path: ["name"],
        message: "A name cannot contain invisible or direction-changing characters.",
      });
      const group = createGroupSchema.safeParse({ slug: "security", name: `Secu${character}rity` });
      expect(group.error?.issues[0]).toMatchObject({
        path: ["name"],
        message: "A name cannot contain invisible or direction-changing characters.",
      });
    }
  });

  it("I3: names in any script, with accents and emoji, still pass", () => {
    expect(deployment({ service: "Zürich-payments", environment: "مرحلة", version: "2.0.0-β" }).success).toBe(true);
    expect(createUserSchema.safeParse({ name: "José Ñúñez 🚀", email: "j@example.test", role: "VIEWER" }).success).toBe(
      true,
    );
    expect(createGroupSchema.safeParse({ slug: "sre", name: "שלום SRE" }).success).toBe(true);
  });
});

describe("date bounds", () => {
  it("L5: a day outside 1970–9999 (year 0 is a PostgreSQL 22008) is not a real day", () => {
    expect(["0000-01-01", "1969-12-31", "0001-01-01"].map(isDayInRange)).toEqual([false, false, false]);
    expect(["1970-01-01", "9999-12-31"].map(isDayInRange)).toEqual([true, true]);
    const deployment = createDeploymentSchema.safeParse({
      service: "s",
      environment: "e",
      version: "1",
      templateVersionId: "t",
      targetDate: "0000-01-01",
    });
    expect(deployment.error?.issues.map((issue) => issue.message)).toContain(DAY_RANGE_MESSAGE);
  });
});
