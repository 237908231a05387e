// Server-renders the editor and the import preview to check the accessible names that
// end-to-end tests and assistive technology rely on (no DOM environment is installed).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { parseOk, readSeed } from "@/test/markdown-helpers";
import type { TemplateStructure } from "@/lib/templates/structure";
import { ImportPreview } from "./import-preview";
import { TemplateEditor } from "./template-editor";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));
vi.mock("@/app/(app)/templates/actions", () => ({
  publishVersionAction: vi.fn(),
  previewImportAction: vi.fn(),
  importTemplateAction: vi.fn(),
}));

const structure: TemplateStructure = {
  title: "Release checklist",
  reviewIntervalDays: 90,
  sections: [
    {
      key: "s-one",
      title: "Critical",
      kind: "PRE_DEPLOYMENT",
      priority: "CRITICAL",
      cadence: null,
      content: null,
      items: [
        {
          key: "i-a",
          text: "Backups **restorable**",
          children: [{ key: "i-b", text: "Restore tested", children: [] }],
        },
      ],
    },
    {
      key: "s-two",
      title: "Weekly",
      kind: "MAINTENANCE",
      priority: null,
      cadence: "WEEKLY",
      content: "Some <b>notes</b>",
      items: [],
    },
  ],
};

/** The text of every label, aria-label and button in the markup, tags stripped. */
function names(html: string): string[] {
  const labels = [...html.matchAll(/<label[^>]*>(.*?)<\/label>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));
  const aria = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
  return [...labels, ...aria];
}

describe("TemplateEditor markup", () => {
  const html = renderToStaticMarkup(
    <TemplateEditor
      templateId="t1"
      baseVersion={3}
      initial={{ ...structure, approverGroup: "compliance" }}
      requiredApprovals={2}
      gateOptions={{ allowCriticalWaivers: false, highBlocksGate: true }}
      groups={[
        { slug: "compliance", name: "Compliance" },
        { slug: "security", name: "Security" },
      ]}
    />,
  );

  it("labels every control", () => {
    expect(names(html)).toEqual(
      expect.arrayContaining([
        "Template title",
        "Review interval (days)",
        "Required approvals",
        "Title of section 1",
        "Kind of section “Critical”",
        "Priority of section “Critical”",
        "Cadence of section “Weekly”",
        "Approver group of the whole checklist",
        "Approver group of section “Critical”",
        "Item 1",
        "Item 1.1",
        "Move item “Backups **restorable**” up",
        "Move item “Restore tested” down",
        "Indent item “Restore tested”",
        "Outdent item “Restore tested”",
        "Add sub-item to “Restore tested”",
        "Remove item “Backups **restorable**”",
        "Move section “Critical” up",
        "Move section “Weekly” down",
        "Remove section “Weekly”",
        "Add item to section “Weekly”",
        "Change note (optional)",
      ]),
    );
    expect(html).toContain("Publish version 4");
    expect(html).toMatch(
      /id="template-required-approvals"[^>]*value="2"|value="2"[^>]*id="template-required-approvals"/,
    );
    expect(html).toContain("Add section");
    expect(html).toContain('href="/templates/t1"');
  });

  it("offers the reviewer groups, None first, with the checklist's chosen", () => {
    const select = html.match(/<select[^>]*id="template-approver-group"[^>]*>(.*?)<\/select>/)?.[1] ?? "";
    expect([...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])).toEqual([
      "None",
      "Compliance (compliance)",
      "Security (security)",
    ]);
    expect(select).toMatch(/<option value="compliance" selected="">/);
  });

  it("escapes reference text instead of rendering it as HTML", () => {
    expect(html).toContain("Some &lt;b&gt;notes&lt;/b&gt;");
  });
});

describe("ImportPreview markup", () => {
  it("shows the summary, the selects and the items", () => {
    const { template, warnings } = parseOk(readSeed());
    const classes = template.sections.map(({ kind, priority, cadence }) => ({ kind, priority, cadence }));
    const html = renderToStaticMarkup(
      <ImportPreview
        template={template}
        warnings={warnings}
        classes={classes}
        onClassChange={() => {}}
        disabled={false}
      />,
    );
    expect(html).toContain(
      "27 critical · 23 high · 23 recommended · 18 post-deployment · 12 maintenance · 12 procedure steps",
    );
    expect(html).toContain("Review every 90 days");
    expect(names(html)).toEqual(
      expect.arrayContaining(["Kind of section “🔴 CRITICAL - Must Complete”", "Cadence of section “Weekly”"]),
    );
    expect(html).toContain("<code");
  });
});
