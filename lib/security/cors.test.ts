import { describe, expect, it } from "vitest";
import { corsDecision, parseCorsOrigins } from "@/lib/security/cors";

const request = (origin: string | null, method = "GET") => ({
  method,
  origin,
  ownOrigin: "https://preflight.example.com",
});

describe("corsDecision", () => {
  it("lets through requests without an Origin and from Preflight's own pages", () => {
    expect(corsDecision(request(null), [])).toEqual({ kind: "pass" });
    expect(corsDecision(request("https://preflight.example.com"), [])).toEqual({ kind: "pass" });
    expect(corsDecision(request("http://preflight.example.com"), []).kind).toBe("refuse");
  });

  it("refuses an origin that is not listed, naming it", () => {
    const decision = corsDecision(request("https://evil.example"), ["https://ci.example.com"]);
    expect(decision).toMatchObject({ kind: "refuse", message: expect.stringContaining("https://evil.example") });
    expect(corsDecision(request("null"), ["https://ci.example.com"]).kind).toBe("refuse");
  });

  it("answers a listed origin's preflight and marks its requests, without credentials", () => {
    const preflight = corsDecision(request("https://ci.example.com", "OPTIONS"), ["https://ci.example.com"]);
    expect(preflight).toMatchObject({
      kind: "preflight",
      headers: {
        "Access-Control-Allow-Origin": "https://ci.example.com",
        "Access-Control-Allow-Headers": "Authorization, Content-Type",
      },
    });
    const allowed = corsDecision(request("https://ci.example.com", "PATCH"), ["https://ci.example.com"]);
    expect(allowed).toEqual({
      kind: "allow",
      headers: {
        "Access-Control-Allow-Origin": "https://ci.example.com",
        Vary: "Origin",
        // A 429's Retry-After, readable by the calling script.
        "Access-Control-Expose-Headers": "Retry-After",
      },
    });
    expect(JSON.stringify(allowed)).not.toContain("Credentials");
  });

  it("allows any origin only with the wildcard", () => {
    expect(corsDecision(request("https://anything.example"), ["*"]).kind).toBe("allow");
  });
});

describe("parseCorsOrigins", () => {
  it("accepts a list of origins or a lone wildcard", () => {
    expect(parseCorsOrigins("https://ci.example.com, http://localhost:8080")).toEqual({
      origins: ["https://ci.example.com", "http://localhost:8080"],
    });
    expect(parseCorsOrigins("*")).toEqual({ origins: ["*"] });
  });

  it("names what is wrong", () => {
    expect(parseCorsOrigins("https://ci.example.com/path")).toMatchObject({
      problem: expect.stringContaining("https://ci.example.com/path"),
    });
    expect(parseCorsOrigins("ci.example.com")).toMatchObject({ problem: expect.stringContaining("ci.example.com") });
    expect(parseCorsOrigins("*, https://a.example")).toMatchObject({ problem: expect.stringContaining("*") });
  });
});
