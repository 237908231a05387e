import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/webhooks/deliver";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import { signBody } from "@/lib/webhooks/secret";

const parse = (input: Record<string, unknown>) =>
  createWebhookSchema.safeParse({ url: "https://hooks.example.test/x", events: ["DEPLOYMENT_REJECTED"], ...input });
const firstError = (input: Record<string, unknown>) => {
  const result = parse(input);
  return result.success ? null : result.error.issues[0]!.message;
};

describe("webhook input", () => {
  it("accepts http(s) URLs and trims them; keeps one of each event", () => {
    expect(parse({ url: "  http://127.0.0.1:8080/hook?x=1 " }).data).toMatchObject({
      url: "http://127.0.0.1:8080/hook?x=1",
      description: "",
    });
    expect(parse({ events: ["MAINTENANCE_OVERDUE", "MAINTENANCE_OVERDUE"] }).data!.events).toEqual([
      "MAINTENANCE_OVERDUE",
    ]);
  });

  it.each([
    ["javascript:alert(1)", "The URL must start with https:// or http://."],
    ["file:///etc/passwd", "The URL must start with https:// or http://."],
    [
      "https://:secret@hooks.example.test/",
      "The URL cannot contain a user name or password; the signature header authenticates each delivery.",
    ],
    ["hooks.example.test/x", "Enter a full URL, such as https://hooks.example.com/preflight."],
    ["", "Enter the URL that receives the events."],
  ])("refuses %j", (url, message) => {
    expect(firstError({ url })).toBe(message);
  });

  it("needs at least one known event", () => {
    expect(firstError({ events: [] })).toBe("Choose at least one event.");
    expect(firstError({ events: ["deployment.signed_off"] })).toBe("is not an event Preflight sends");
  });
});

describe("delivery", () => {
  it("backs off 30 s, doubling, capped at an hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
  });

  it("signs the exact body bytes with HMAC-SHA256 (RFC 4231 test case 2)", () => {
    expect(signBody("what do ya want for nothing?", "Jefe")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });
});
