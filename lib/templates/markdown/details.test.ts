// Boxes stay boxes: what sits under or beside a box is its details (issue points 1, 2, 6, 9, 13).
import { describe, expect, it } from "vitest";
import { exportTemplateMarkdown } from "./export";
import { neutraliseLinks } from "./html";
import { readPreflightComment, writePreflightComment } from "./preflight";
import { countLeaves, toImportJson } from "./summary";
import { parseOk } from "@/test/markdown-helpers";

const items = (md: string) => parseOk(md).template.sections.flatMap((s) => s.items);
const leaf = (text: string) => ({ text, children: [] });

// Own fixtures, written for these tests.
const ROLLOUT = `# Rollout

## Observability

- [ ] Dashboards exist for the new service
  * request rate
  * p99 latency
- [ ] Paging is wired to the on-call rota
  1. create the escalation policy
  2. add the secondary

## Database

- [ ] Run the migration on a replica first

  <details>
  <summary>If it fails</summary>

  1. Restore the snapshot.
  2. Open an incident.
  </details>

- [ ] Compare row counts
`;

const LINKS = `# Links

## Head

- Background reading for this section
- [ ] **Favicon:** one is served ![icon][fav-img]
- 📚 [Spec][spec]
- 📚 [Guide](https://guide.example)
- [ ] Robots file checked, see [the robots page][Robots Page]

[spec]: https://spec.example/head "The spec"
[fav-img]: https://img.example/f.png
[robots page]: https://robots.example
`;

const QUOTED = `# Freeze

## Steps

- [ ] Tag the release

> **Heads-up**
> - [ ] Lock the main branch
>   wrapped onto a second line
> - [ ] Tell the team
`;

const HTML = `# Html

## Checks

<!--
- [ ] a box someone commented out
-->

- [ ] Check the [banner](javascript:alert(1)) renders <b>bold</b>
  <!-- preflight: owner=ops note="keep this" -->
- [ ] Second <!-- preflight: id=two -->
`;

describe("a box stays a box (point 1)", () => {
  const [dashboards, paging, migration, counts] = items(ROLLOUT);

  it("keeps plain sub-bullets and numbered sub-steps as the box's details", () => {
    expect(dashboards).toEqual({
      text: "Dashboards exist for the new service",
      details: "* request rate\n* p99 latency",
      children: [],
    });
    expect(paging?.details).toBe("1. create the escalation policy\n2. add the secondary");
  });

  it("keeps a <details> block under a box as its details, as written", () => {
    expect(migration?.text).toBe("Run the migration on a replica first");
    expect(migration?.details).toBe(
      "<details>\n<summary>If it fails</summary>\n\n1. Restore the snapshot.\n2. Open an incident.\n\n</details>",
    );
    expect(counts).toEqual(leaf("Compare row counts"));
  });

  it("counts every box as one tickable leaf", () => {
    expect(parseOk(ROLLOUT).template.sections.map((s) => countLeaves(s.items))).toEqual([2, 2]);
  });

  it("keeps a box with boxes under it a group, with its other sub-bullets as details", () => {
    const [group] = items("# T\n\n- [ ] Group\n  - a note\n  - [ ] child one\n  - [ ] child two\n");
    expect(group).toEqual({ text: "Group", details: "- a note", children: [leaf("child one"), leaf("child two")] });
  });

  it("keeps a numbered step one step, with sub-steps and a <details> block as its details", () => {
    const md =
      "# T\n\n## Rollback runbook\n\n1. Drain traffic\n   1. shift the weights\n   2. wait\n2. Restore\n\n   <details><summary>How</summary>\n\n   use the backup\n\n   </details>\n";
    const [drain, restore] = items(md);
    expect(drain).toEqual({ text: "Drain traffic", details: "1. shift the weights\n2. wait", children: [] });
    expect(restore?.details).toBe("<details><summary>How</summary>\n\nuse the backup\n\n</details>");
  });
});

describe("a bullet beside boxes is not a box (point 2)", () => {
  const { template } = parseOk(LINKS);
  const [head] = template.sections;

  it("attaches a plain bullet to the box before it; before any box it is reference text", () => {
    expect(head?.items.map((i) => i.text)).toEqual([
      "**Favicon:** one is served ![icon](https://img.example/f.png)",
      "Robots file checked, see [the robots page](https://robots.example)",
    ]);
    expect(head?.items[0]?.details).toBe(
      '- 📚 [Spec](https://spec.example/head "The spec")\n\n- 📚 [Guide](https://guide.example)',
    );
    expect(head?.content?.startsWith("- Background reading for this section")).toBe(true);
  });
});

describe("reference-style links and images (point 6)", () => {
  it("writes them inline in the item's text and details, whatever the label's case", () => {
    const [box] = items("# T\n\n- [ ] Read [the guide][G] and [g][]\n  - also [g]\n\n[g]: <https://g.example/a b>\n");
    expect(box?.text).toBe("Read [the guide](<https://g.example/a b>) and [g](<https://g.example/a b>)");
    expect(box?.details).toBe("- also [g](<https://g.example/a b>)");
  });

  it("leaves brackets that name no definition as they are", () => {
    expect(items("# T\n\n- [ ] Keep [literal] and [x][nope]\n")[0]?.text).toBe("Keep [literal] and [x][nope]");
  });
});

describe("tasks in block quotes (point 9)", () => {
  it("imports them like any task list, with a warning naming their lines", () => {
    const { template, warnings } = parseOk(QUOTED);
    expect(template.sections[0]?.items).toEqual([
      leaf("Tag the release"),
      leaf("Lock the main branch wrapped onto a second line"),
      leaf("Tell the team"),
    ]);
    expect(template.sections[0]?.content).toBe("**Heads-up**");
    expect(warnings).toContain("Imported 2 task item(s) found inside block quotes (lines 8, 10).");
  });

  it("finds them in nested quotes too, with details stripped of the quote markers", () => {
    const { template, warnings } = parseOk("# T\n\n## S\n\n> > - [ ] deep\n> >   - its note\n");
    expect(template.sections[0]?.items).toEqual([{ text: "deep", details: "- its note", children: [] }]);
    expect(warnings).toContain("Imported 1 task item(s) found inside block quotes (line 5).");
  });
});

describe("one rule for HTML (point 13)", () => {
  const { template } = parseOk(HTML);
  const [banner, second] = template.sections[0]!.items;

  it("does not import boxes inside HTML comments", () => {
    expect(template.sections[0]?.items).toHaveLength(2);
    expect(template.sections[0]?.content).toContain("a box someone commented out");
  });

  it("keeps raw HTML as written and neutralises javascript: links", () => {
    expect(banner?.text).toBe("Check the [banner](unsafe:javascript:alert(1)) renders <b>bold</b>");
    expect(neutraliseLinks('<a href="data:text/html,x">x</a> <javascript:alert(1)> [r]: vbscript:x')).toBe(
      '<a href="unsafe:data:text/html,x">x</a> <unsafe:javascript:alert(1)> [r]: unsafe:vbscript:x',
    );
    expect(neutraliseLinks(neutraliseLinks("[a](javascript:x)"))).toBe("[a](unsafe:javascript:x)");
  });

  it("reads Preflight's own comment, on the item's line or under it, apart from text and details", () => {
    expect(banner?.preflight).toEqual({ owner: "ops", note: "keep this" });
    expect(banner?.details).toBeUndefined();
    expect(second).toEqual({ text: "Second", preflight: { id: "two" }, children: [] });
  });

  it("writes the comment form back and reports a malformed one", () => {
    const pairs = { a: "1", b: 'with "quotes" and spaces' };
    expect(readPreflightComment(writePreflightComment(pairs), null)).toEqual(pairs);
    expect(readPreflightComment("<!-- not ours -->", null)).toBeNull();
    const { warnings } = parseOk("# T\n\n- [ ] x <!-- preflight: =broken -->\n");
    expect(warnings).toEqual([expect.stringMatching(/^Ignored a malformed preflight comment/)]);
  });
});

describe("round trip with details", () => {
  it.each([
    ["rollout", ROLLOUT],
    ["links", LINKS],
    ["quoted", QUOTED],
    ["html", HTML],
  ])("%s: importing the export gives the same structure, details and content", (_, md) => {
    const first = parseOk(md).template;
    const markdown = exportTemplateMarkdown(first);
    const back = parseOk(markdown).template;
    expect(toImportJson(back)).toEqual(toImportJson(first));
    // The export's review footer is read as the interval, not as the last section's text.
    expect(back.sections).toEqual(first.sections);
    expect(markdown.trimEnd()).toMatch(/Next Review\*\*: Date \+ 90 days$/);
  });

  it("writes details indented under their item, after a blank line", () => {
    const markdown = exportTemplateMarkdown(parseOk(ROLLOUT).template);
    expect(markdown).toContain(
      "- [ ] Dashboards exist for the new service\n\n  * request rate\n  * p99 latency\n\n- [ ] Paging is wired",
    );
  });
});
