// `npm run cli -- template export <id|slug> [--version N]` as an operator runs it: a real
// process on the test database, its stdout (the Markdown, nothing else), stderr and exit code.
import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { importTemplate } from "@/lib/templates/import-template";
import { parseTemplateMarkdown } from "@/lib/templates/markdown/parse";
import { toImportJson } from "@/lib/templates/markdown/summary";
import { readVersionStructure } from "@/lib/templates/store-version";
import { createTestUser, testDatabaseUrl, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

type Run = { status: number | null; stdout: string; stderr: string };
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "template", "export", ...args],
      {
        encoding: "utf8",
        timeout: 60_000,
        env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: testDatabaseUrl() },
      },
      (error, stdout, stderr) => {
        resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("npm run cli -- template export", () => {
  it("prints a version's Markdown, front matter and details included, which imports to the same structure", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const title = `Export ${uniqueKey()}`;
    const text = [
      "---",
      `title: ${title}`,
      "owner: platform-team",
      "labels: [release]",
      "---",
      "",
      "Read this before the release train leaves.",
      "",
      "## Checks",
      "",
      "- [ ] Changelog written",
      "  - link the [release notes][notes]",
      "- [ ] Rollback rehearsed",
      "",
      "## Wenn es brennt",
      "",
      "1. Bereitschaft anrufen",
      "2. Verkehr umleiten",
      "",
      "[notes]: https://example.test/notes",
      "",
    ].join("\n");
    const imported = await importTemplate(admin, { text });
    const v1 = (await readVersionStructure(prisma, imported.versionId))!;
    expect(v1.metadata).toEqual({ owner: "platform-team", labels: "[release]" });

    // An edit of the details publishes version 2; the metadata travels with it.
    const edited = structuredClone(v1);
    edited.sections[1]!.items[1]!.details = "- ask the on-call lead first";
    await publishTemplateVersion(admin, { templateId: imported.templateId, baseVersion: 1, structure: edited });

    const latest = await cli(imported.slug);
    expect(latest.stderr).not.toMatch(/\bat .*:\d+:\d+/);
    expect(latest.status).toBe(0);
    expect(
      latest.stdout.startsWith(`---\nowner: platform-team\nlabels: [release]\n---\n# ${title}\n\nRead this before`),
    ).toBe(true);
    expect(latest.stdout).toContain("- [ ] Rollback rehearsed\n\n  - ask the on-call lead first");
    const back = parseTemplateMarkdown(latest.stdout);
    if (!back.ok) throw new Error(back.error);
    expect(toImportJson(back.template)).toEqual(toImportJson({ ...edited, title }));
    expect(back.template.sections.map((s) => s.kind)).toEqual(["REFERENCE", "PRE_DEPLOYMENT", "PROCEDURE"]);

    const first = await cli(imported.templateId, "--version", "1");
    expect(first.status).toBe(0);
    expect(first.stdout).not.toContain("ask the on-call lead first");
    expect(first.stdout).toContain("  - link the [release notes](https://example.test/notes)");
  });

  it.each([
    [["no-such-template"], 1, "No active template has the id or slug “no-such-template”."],
    [["--version", "2"], 2, "Name the template to export (its id or slug)."],
    [["reference", "--version", "two"], 2, "--version: “two” is not a version number."],
  ])("refuses %j in one line with exit %i", async (args, status, message) => {
    const result = await cli(...args);
    expect(result.status).toBe(status);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it("names the versions a template has when the one asked for is missing", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const imported = await importTemplate(admin, { text: `# Versions ${uniqueKey()}\n\n## A\n\n- [ ] a\n` });
    const result = await cli(imported.slug, "--version", "7");
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toBe(
      `Template ${imported.slug} has no version 7; its versions are 1 to 1.`,
    );
  });
});
