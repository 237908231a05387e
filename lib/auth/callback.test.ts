import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameSiteRedirect } from "./callback";

describe("safeCallbackPath", () => {
  it("M1: a path that normalises to another origin gives /", () => {
    const payloads = [
      "/.//evil.example",
      "/a/..//x",
      "/%2e//x",
      "/%2E//x",
      "/a/%2e%2e//x",
      "/./%2e//evil.example/path?q=1#h",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.\\/evil.example",
      "/a/..\\/evil.example",
      "/%2e\\/evil.example",
      "https://evil.example/",
      "https:evil.example",
      "javascript:alert(1)",
    ];
    for (const payload of payloads) {
      expect(safeCallbackPath(payload), payload).toBe("/");
    }
  });

  it("M1: a path on this site keeps its query and hash", () => {
    expect(safeCallbackPath("/deployments?status=open&page=2#list")).toBe("/deployments?status=open&page=2#list");
    expect(safeCallbackPath("/services/abc/edit")).toBe("/services/abc/edit");
    expect(safeCallbackPath("/a/../deployments")).toBe("/deployments");
    expect(safeCallbackPath(["/templates", "/other"])).toBe("/templates");
  });

  it("sends nowhere it cannot trust: empty, sign-in itself", () => {
    expect(safeCallbackPath(undefined)).toBe("/");
    expect(safeCallbackPath("")).toBe("/");
    expect(safeCallbackPath("/sign-in?callbackUrl=/x")).toBe("/");
  });
});

describe("sameSiteRedirect (next-auth's redirect callback)", () => {
  const base = "http://localhost:3000";

  it("L5: a callbackUrl that is no URL at all gives the site's home instead of throwing", () => {
    for (const garbage of ["http://[", "%", "/%", "/%zz", "http://[::1", "https://exa mple.com:99999/"]) {
      expect(sameSiteRedirect(garbage, base), garbage).toBe(base);
    }
  });

  it("L5: another origin, or a path that resolves to one, gives the site's home", () => {
    for (const payload of ["https://evil.example/", "//evil.example", "/\\evil.example", "/.//evil.example"]) {
      expect(sameSiteRedirect(payload, base), payload).toBe(base);
    }
  });

  it("keeps a URL on this site, as a path or absolute", () => {
    expect(sameSiteRedirect("/sign-in", base)).toBe(`${base}/sign-in`);
    expect(sameSiteRedirect("/deployments?status=open#list", base)).toBe(`${base}/deployments?status=open#list`);
    expect(sameSiteRedirect(`${base}/templates`, base)).toBe(`${base}/templates`);
  });
});
