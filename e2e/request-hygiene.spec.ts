// The API's request hygiene, seen from outside: cross-origin browser calls only from
// CORS_ORIGINS (never with credentials), oversized bodies refused with 413 before any
// handler reads them, every refusal a JSON body that says why. (Each handler's own, smaller
// body limit is exercised by test/fuzz/routes.int.test.ts.)
import { expect, test } from "./fixtures";
import { E2E_BASE_URL, E2E_CORS_ORIGIN } from "./server";

test.describe("API request hygiene", () => {
  test("a cross-origin call from an origin not in CORS_ORIGINS is refused, naming the origin", async ({ request }) => {
    for (const method of ["GET", "OPTIONS", "POST"] as const) {
      const response = await request.fetch("/api/v1/deployments", {
        method,
        // A write needs a token-shaped bearer to get past the HTTP layer's 401 for nobody
        // signed in (which comes first and never reads the body); then CORS refuses it.
        headers: {
          Origin: "https://evil.example",
          ...(method === "POST" ? { Authorization: `Bearer pf_${"a".repeat(43)}` } : {}),
        },
        data: method === "POST" ? {} : undefined,
      });
      expect(response.status(), method).toBe(403);
      expect(response.headers()["access-control-allow-origin"]).toBeUndefined();
      expect(await response.json()).toEqual({
        error:
          "Cross-origin requests from https://evil.example are not allowed; an administrator can add the origin to CORS_ORIGINS.",
      });
    }
  });

  test("a listed origin gets its preflight answered and its responses marked, without credentials", async ({
    request,
  }) => {
    const preflight = await request.fetch("/api/v1/deployments", {
      method: "OPTIONS",
      headers: {
        Origin: E2E_CORS_ORIGIN,
        "Access-Control-Request-Method": "PATCH",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()).toMatchObject({
      "access-control-allow-origin": E2E_CORS_ORIGIN,
      "access-control-allow-headers": "Authorization, Content-Type",
      vary: "Origin",
    });
    expect(preflight.headers()["access-control-allow-methods"]).toContain("PATCH");
    expect(preflight.headers()["access-control-allow-credentials"]).toBeUndefined();

    const call = await request.get("/api/v1/deployments", { headers: { Origin: E2E_CORS_ORIGIN } });
    expect(call.status(), "no token: refused by the API itself, not by CORS").toBe(401);
    expect(call.headers()["access-control-allow-origin"]).toBe(E2E_CORS_ORIGIN);
    expect(call.headers()["access-control-expose-headers"], "a 429's Retry-After is readable").toBe("Retry-After");
    expect(await call.json()).toMatchObject({ error: expect.any(String) });
  });

  test("Preflight's own pages and callers without an Origin pass", async ({ request }) => {
    const own = await request.get("/api/health", { headers: { Origin: E2E_BASE_URL } });
    expect(own.status()).toBe(200);
    const pipeline = await request.get("/api/health");
    expect(pipeline.status()).toBe(200);
  });

  test("an oversized body gets 413 with a JSON reason, before the handler reads it", async ({ request }) => {
    const huge = await request.post("/api/v1/deployments", {
      headers: { "Content-Type": "application/json" },
      data: JSON.stringify({ service: "x".repeat(2_000_000) }),
    });
    expect(huge.status()).toBe(413);
    expect(await huge.json()).toEqual({ error: "The request body is larger than 1048576 bytes." });
  });
});
