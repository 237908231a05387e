import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envKeys } from "@/lib/env";

describe(".env.example", () => {
  it("lists every variable the app reads, and nothing else", () => {
    const listed = [...readFileSync(".env.example", "utf8").matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...envKeys].sort());
  });
});
