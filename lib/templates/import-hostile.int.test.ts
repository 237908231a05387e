// The import's limits, as the server runs them (previewTemplateImport is what the import page's
// preview action calls; importTemplate its import action; readTemplateMarkdown the CLI's dry run).
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { importTemplate, previewTemplateImport, readTemplateMarkdown } from "@/lib/templates/import-template";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import { timeLimitMessage } from "@/lib/templates/parse-worker/parse-in-worker";
import { createTestUser, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();
const head = "# Hostile\n\n## Checks\n\n- [ ] a real box\n\n";

/** `head`, then `unit` repeated up to (not past) the 1 MB the import accepts. */
function fill(unit: string, start = head): string {
  return start + unit.repeat(Math.floor((MAX_TEMPLATE_BYTES - start.length - 16) / unit.length));
}

const corpus: [string, string][] = [
  ["a tower of block quotes", `${fill(">")} deep\n`],
  ["a 64 KB tower of block quotes", `${head}${">".repeat(64_000)} deep\n`],
  ["runs of *a**", fill("*a**")],
  ["runs of ~~a", fill("~~a")],
  [
    "a list 1,000 levels deep",
    `${head}${Array.from({ length: 1000 }, (_, i) => `${"  ".repeat(i)}- [ ] level ${i}`).join("\n")}\n`.slice(
      0,
      MAX_TEMPLATE_BYTES,
    ),
  ],
  ["a long table", fill("| check | yes | no |\n", `${head}| check | yes | no |\n| --- | --- | --- |\n`)],
  ["many link definitions", `${head}- [ ] see [x][d1]\n\n${defs()}`],
  ["250,000 headings", fill("# a\n")],
];

function defs(): string {
  let out = "";
  for (let i = 0; out.length < MAX_TEMPLATE_BYTES - 2048; i++) out += `[d${i}]: https://e.x/${i}\n`;
  return out;
}

describe("hostile files", () => {
  it("are refused by the time limit while a normal request is answered first", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const order: string[] = [];
    const hostile = previewTemplateImport(admin, { text: `${head}${">".repeat(64_000)} deep\n` }).then(
      () => order.push("hostile read"),
      (error: unknown) => {
        order.push("hostile refused");
        return error;
      },
    );
    const normal = await previewTemplateImport(admin, { text: "# Release\n\n## Before\n\n- [ ] Tag it\n" });
    order.push("normal");
    expect(normal.template.sections.at(-1)?.items.map((i) => i.text)).toEqual(["Tag it"]);
    const refusal = await hostile;
    expect(order).toEqual(["normal", "hostile refused"]);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ status: 422, message: timeLimitMessage(env().IMPORT_PARSE_TIMEOUT_MS) });
  }, 60_000);

  it("each finish or are refused with a 4xx, never a crash", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const outcomes = await Promise.all(
      corpus.map(async ([name, text]) => {
        expect(new TextEncoder().encode(text).length, name).toBeLessThanOrEqual(MAX_TEMPLATE_BYTES);
        try {
          await previewTemplateImport(admin, { text });
          return [name, "read"];
        } catch (error) {
          if (error instanceof AppError && error.status >= 400 && error.status < 500) return [name, "refused"];
          return [name, `crashed: ${String(error)}`];
        }
      }),
    );
    for (const [name, outcome] of outcomes) expect(outcome, name).toMatch(/^(read|refused)$/);
  }, 180_000);
});

describe("the dry run and the import apply the same limits", () => {
  const areas = (count: number) =>
    `# Areas\n\n${Array.from({ length: count }, (_, i) => `## Area ${i + 1}\n\n- [ ] check ${i + 1}\n`).join("\n")}`;
  const longItem = `# Launch\n\n## Before\n\n- [ ] ${"check the rollback plan ".repeat(100)}\n`;

  it.each([
    ["201 sections", areas(201), /^The file has 201 sections .*section 201 is “Area 201” \(line \d+\)/],
    [
      "an item over 2,000 characters",
      longItem,
      /^The item “check the rollback plan .*” \(line 5\) in section “Before” \(line 3\) has 2,399 characters/,
    ],
  ])("both refuse %s with the same message", async (_name, text, message) => {
    const admin = await createTestUser(prisma, "ADMIN");
    const dryRun = await readTemplateMarkdown(text).then(
      () => null,
      (error: unknown) => error,
    );
    const preview = await previewTemplateImport(admin, { text }).then(
      () => null,
      (error: unknown) => error,
    );
    const stored = await importTemplate(admin, { text }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(dryRun).toBeInstanceOf(AppError);
    expect((dryRun as AppError).message).toMatch(message);
    expect(preview).toEqual(dryRun);
    expect(stored).toEqual(dryRun);
  });

  it("both accept 200 sections", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const text = areas(200).replace("# Areas", `# Areas ${Date.now()}`);
    expect((await readTemplateMarkdown(text)).template.sections).toHaveLength(200);
    expect((await importTemplate(admin, { text })).slug).toMatch(/^areas-/);
  });
});
