import { describe, expect, it } from "vitest";
import { bucketOf, summarize } from "./profile-summary";

describe("CPU profile summary", () => {
  it("groups frames by package, Node module or the app's build", () => {
    expect(bucketOf("file:///app/node_modules/@prisma/client/runtime/client.js", "r")).toBe("@prisma/client");
    expect(bucketOf("file:///app/node_modules/next/node_modules/react/index.js", "x")).toBe("react");
    expect(bucketOf("/app/node_modules/pg/lib/client.js", "query")).toBe("pg");
    expect(bucketOf("node:internal/async_hooks", "emit")).toBe("node:internal/async_hooks");
    expect(bucketOf("file:///app/.next/server/chunks/a.js", "handler")).toBe(".next (app build)");
    expect(bucketOf("", "(garbage collector)")).toBe("(garbage collector)");
    expect(bucketOf("", "writev")).toBe("(native) writev");
  });

  it("adds self time per bucket from the samples and their time deltas", () => {
    const profile = {
      nodes: [
        { id: 1, callFrame: { functionName: "(idle)", url: "" } },
        { id: 2, callFrame: { functionName: "a", url: "/x/node_modules/pg/a.js" } },
        { id: 3, callFrame: { functionName: "b", url: "/x/node_modules/pg/b.js" } },
      ],
      samples: [1, 2, 3, 2],
      timeDeltas: [1000, 2000, 3000, 4000],
    };
    expect(summarize(profile)).toEqual([
      { bucket: "pg", ms: 9, share: 90 },
      { bucket: "(idle)", ms: 1, share: 10 },
    ]);
  });
});
