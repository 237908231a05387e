import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback";

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
