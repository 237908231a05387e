import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { completeTaskSchema, createScheduleSchema, scopeKeyOf } from "@/lib/maintenance/schemas";

describe("createScheduleSchema", () => {
  it("needs a service and an environment for a service scope, and builds the scope key", () => {
    const missing = createScheduleSchema.safeParse({
      sectionId: "s",
      scope: "service",
      service: "",
      environment: "",
      ownerId: "u",
    });
    expect(fieldErrorsOf(missing.error!)).toEqual({
      service: "Enter the service.",
      environment: "Enter the environment.",
    });
    const ok = createScheduleSchema.parse({
      sectionId: "s",
      scope: "service",
      service: " payments ",
      environment: "prod",
      ownerId: "u",
    });
    expect(scopeKeyOf(ok)).toBe("payments/prod");
    expect(
      scopeKeyOf(
        createScheduleSchema.parse({ sectionId: "s", scope: "org", service: "", environment: "", ownerId: "u" }),
      ),
    ).toBe("org");
  });

  it("refuses a slash in the service, which would make the scope key ambiguous", () => {
    const parsed = createScheduleSchema.safeParse({
      sectionId: "s",
      scope: "service",
      service: "a/b",
      environment: "prod",
      ownerId: "u",
    });
    expect(fieldErrorsOf(parsed.error!).service).toContain("cannot contain");
  });
});

describe("completeTaskSchema", () => {
  it("accepts an empty note and link, and only http(s) evidence", () => {
    expect(completeTaskSchema.parse({ occurrenceId: "o", taskId: "t", note: "", evidenceUrl: "" })).toEqual({
      occurrenceId: "o",
      taskId: "t",
    });
    const bad = completeTaskSchema.safeParse({ occurrenceId: "o", taskId: "t", evidenceUrl: "javascript:alert(1)" });
    expect(fieldErrorsOf(bad.error!)).toEqual({ evidenceUrl: "The evidence link must be an http(s) URL." });
  });
});
