// The CLI as a user runs it: a real process, its stdout, stderr and exit code.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const seedFile = path.resolve("prisma/seed/production-security-checklist.md");
const scratch = mkdtempSync(path.join(tmpdir(), "preflight-cli-"));

/** Runs the CLI without blocking, so this file's tests run side by side. */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args],
      { encoding: "utf8", timeout: 60_000, maxBuffer: 10_000_000 },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

type Item = { text: string; children: Item[] };
type ImportJson = {
  title: string;
  reviewIntervalDays: number;
  sections: { title: string; kind: string; priority: string | null; cadence: string | null; items: Item[] }[];
};
const leaves = (items: Item[]): number =>
  items.reduce((n, item) => n + (item.children.length ? leaves(item.children) : 1), 0);

function figures(json: ImportJson) {
  const sum = (filter: (s: ImportJson["sections"][number]) => boolean) =>
    json.sections.filter(filter).reduce((n, s) => n + leaves(s.items), 0);
  return {
    critical: sum((s) => s.kind === "PRE_DEPLOYMENT" && s.priority === "CRITICAL"),
    high: sum((s) => s.kind === "PRE_DEPLOYMENT" && s.priority === "HIGH"),
    recommended: sum((s) => s.kind === "PRE_DEPLOYMENT" && s.priority === "RECOMMENDED"),
    post: sum((s) => s.kind === "POST_DEPLOYMENT"),
    weekly: sum((s) => s.cadence === "WEEKLY"),
    monthly: sum((s) => s.cadence === "MONTHLY"),
    quarterly: sum((s) => s.cadence === "QUARTERLY"),
    procedures: json.sections.filter((s) => s.kind === "PROCEDURE").map((s) => s.items.length),
    reviewIntervalDays: json.reviewIntervalDays,
  };
}

const expected = {
  critical: 27,
  high: 23,
  recommended: 23,
  post: 18,
  weekly: 3,
  monthly: 4,
  quarterly: 5,
  procedures: [7, 5],
  reviewIntervalDays: 90,
};

describe.concurrent("npm run cli -- template import --dry-run --json", () => {
  it.each([
    ["the reference checklist", seedFile],
    [
      "a CRLF copy of it",
      (() => {
        const file = path.join(scratch, "crlf.md");
        writeFileSync(file, readFileSync(seedFile, "utf8").replace(/\r?\n/g, "\r\n"));
        return file;
      })(),
    ],
  ])("prints one JSON document with the figures of %s and no mojibake", async (_name, file) => {
    const result = await cli("template", "import", file, "--dry-run", "--json");
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as ImportJson;
    expect(figures(json)).toEqual(expected);
    expect(json.title).toBe("Production Security Checklist");
    expect(result.stdout).not.toMatch(/ð|Ÿ|â€/);
    expect(json.sections.map((s) => s.title)).toContain("🔴 CRITICAL - Must Complete");
    expect(Object.keys(json.sections[0]!)).toEqual(["title", "kind", "priority", "cadence", "content", "items"]);
  });

  it("reads UTF-16 without a BOM, and Windows-1252 with a warning on stderr", async () => {
    const text = "# Prüfliste\n\n## Vor dem Start\n\n- [ ] Änderungen prüfen\n";
    const utf16 = path.join(scratch, "utf16.md");
    writeFileSync(utf16, Buffer.from(text, "utf16le"));
    const cp1252 = path.join(scratch, "cp1252.md");
    writeFileSync(cp1252, Buffer.from(text, "latin1")); // ü and Ä are the same bytes in Windows-1252
    const files = [utf16, cp1252];
    // Side by side: two CLI starts one after the other came near 30 s on a loaded CI machine.
    const results = await Promise.all(files.map((file) => cli("template", "import", file, "--dry-run", "--json")));
    for (const [index, result] of results.entries()) {
      expect(result.status).toBe(0);
      const json = JSON.parse(result.stdout) as ImportJson;
      expect(json.title).toBe("Prüfliste");
      expect(json.sections.flatMap((s) => s.items.map((i) => i.text))).toEqual(["Änderungen prüfen"]);
      expect(result.stderr.includes("read as Windows-1252")).toBe(files[index] === cp1252);
    }
  }, 60_000);

  it("without --json prints a readable summary", async () => {
    const result = await cli("template", "import", seedFile, "--dry-run");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Production Security Checklist (review every 90 days)");
    expect(result.stdout).toMatch(/PRE_DEPLOYMENT\s+CRITICAL\s+27\s+🔴 CRITICAL - Must Complete/);
  });

  it.each([
    ["empty", Buffer.alloc(0), "The file is empty."],
    ["binary", Buffer.from([0x23, 0x00, 0x01, 0x02]), "binary"],
    [
      "neither UTF-8 nor Windows-1252",
      Buffer.from([0x23, 0x20, 0xe9, 0x81, 0x0a]),
      "nor Windows-1252 (byte 0x81 on line 1)",
    ],
    ["prose", Buffer.from("# Notes\n\nNothing to tick here.\n"), "No checklist content"],
    ["huge", Buffer.alloc(1_048_577, "a"), "larger than 1 MB"],
  ])(
    "refuses a bad (%s) file with one line on stderr, no stack trace, and a non-zero exit",
    async (name, bytes, message) => {
      const file = path.join(scratch, `${name}.md`);
      writeFileSync(file, bytes);
      const result = await cli("template", "import", file, "--dry-run", "--json");
      expect(result.status).not.toBe(0);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(message);
      expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    },
  );

  it("names a missing file", async () => {
    const result = await cli("template", "import", path.join(scratch, "missing.md"), "--dry-run");
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`Cannot read ${path.join(scratch, "missing.md")}: no such file.`);
  });
});
