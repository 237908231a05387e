// Details travel end to end: imported, stored in Item.details, read back, exported and
// imported again to the same structure.
import { describe, expect, it } from "vitest";
import { exportTemplateMarkdown } from "@/lib/templates/markdown/export";
import { parseTemplateMarkdown } from "@/lib/templates/markdown/parse";
import { toImportJson } from "@/lib/templates/markdown/summary";
import { importTemplate } from "@/lib/templates/import-template";
import { readVersionStructure } from "@/lib/templates/store-version";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

const prisma = useTestPrisma();

describe("item details", () => {
  it("are stored with their item and read back, and the export imports to the same structure", async () => {
    const admin = await createTestUser(prisma, "ADMIN");
    const title = `Details ${uniqueKey()}`;
    const text = `# ${title}\n\n## Launch\n\n- [ ] Status page updated\n  * incident banner removed\n  * RSS feed checked\n- [ ] Support briefed\n`;
    const imported = await importTemplate(admin, { text });
    const structure = (await readVersionStructure(prisma, imported.versionId))!;
    const [launch] = structure.sections;
    expect(launch?.items.map((i) => [i.text, i.details ?? null])).toEqual([
      ["Status page updated", "* incident banner removed\n* RSS feed checked"],
      ["Support briefed", null],
    ]);
    const rows = await prisma.item.findMany({
      where: { templateVersionId: imported.versionId },
      select: { isLeaf: true },
    });
    expect(rows).toEqual([{ isLeaf: true }, { isLeaf: true }]);

    const again = parseTemplateMarkdown(exportTemplateMarkdown(structure));
    const first = parseTemplateMarkdown(text);
    if (!again.ok || !first.ok) throw new Error("expected both to parse");
    expect(toImportJson(again.template)).toEqual(toImportJson(first.template));
  });
});
