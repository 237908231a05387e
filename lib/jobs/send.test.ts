import { describe, expect, it } from "vitest";
import { errorText } from "@/lib/jobs/admin";
import { jobId } from "@/lib/jobs/send";

describe("jobId", () => {
  it("is a UUID (version 8, RFC variant) that the same parts always give, and other parts never", () => {
    const id = jobId("webhook-delivery", "d1", "2026-12-01T10:00:00.000Z");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(jobId("webhook-delivery", "d1", "2026-12-01T10:00:00.000Z")).toBe(id);
    expect(jobId("webhook-delivery", "d1", "2026-12-01T10:00:30.000Z")).not.toBe(id);
    // Parts are kept apart: "a" + "bc" is not "ab" + "c".
    expect(jobId("a", "bc")).not.toBe(jobId("ab", "c"));
  });
});

describe("errorText", () => {
  it("reads what pg-boss stored for a thrown error, an expiry and a shutdown", () => {
    expect(errorText({ name: "Error", message: "Gave up after 8 attempts: HTTP 503.", stack: "…" })).toBe(
      "Gave up after 8 attempts: HTTP 503.",
    );
    expect(errorText({ value: { message: "job failed by timeout in active state" } })).toBe(
      "job failed by timeout in active state",
    );
    expect(errorText({ value: "pg-boss shut down while active" })).toBe("pg-boss shut down while active");
    expect(errorText(null)).toBe("No error recorded.");
    expect(errorText({ code: 7 })).toBe('{"code":7}');
  });
});
