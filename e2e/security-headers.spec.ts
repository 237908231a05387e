import { expect, test } from "./fixtures";

test.describe("security headers", () => {
  test("pages carry a nonce CSP that forbids framing, plus nosniff and a referrer policy", async ({ request }) => {
    const first = await request.get("/sign-in");
    const second = await request.get("/sign-in");
    const csp = first.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(second.headers()["content-security-policy"], "a fresh nonce per request").not.toBe(csp);
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers()["x-powered-by"]).toBeUndefined();
  });

  // HSTS follows X-Forwarded-Proto: https from a trusted proxy (TRUSTED_PROXIES; kept by the
  // HTTP layer, scripts/lib/http-layer.test.ts). This server trusts none, as a direct one should.
  test("no HSTS over plain HTTP, even when the client claims X-Forwarded-Proto: https", async ({ request }) => {
    const plain = await request.get("/api/health");
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
    const claimed = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
    expect(claimed.status()).toBe(200);
    expect(claimed.headers()["strict-transport-security"]).toBeUndefined();
  });

  test("health answers JSON without caching", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
