// A procedure's top-level items become the run's steps, one each, in order: the numbering
// people see in the runbook stays the numbering of the run. Nested items are not steps of
// their own; their text is kept inside the step as Markdown sub-bullets ("- child",
// indented per level), so nothing of the runbook is lost and every step is acted on once.
export type SourceItem = { id: string; parentId: string | null; position: number; text: string };

export function stepsFromItems(items: SourceItem[]): { itemId: string; text: string }[] {
  const children = new Map<string | null, SourceItem[]>();
  for (const item of items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
  const sorted = (parentId: string | null) => (children.get(parentId) ?? []).sort((a, b) => a.position - b.position);
  const subBullets = (parentId: string, depth: number): string[] =>
    sorted(parentId).flatMap((child) => [`${"  ".repeat(depth)}- ${child.text}`, ...subBullets(child.id, depth + 1)]);
  return sorted(null).map((item) => ({ itemId: item.id, text: [item.text, ...subBullets(item.id, 0)].join("\n") }));
}

/** Splits a step's text back into its first line and its sub-bullets (with their depth). */
export function splitStepText(text: string): { title: string; details: { depth: number; text: string }[] } {
  const [title = "", ...rest] = text.split("\n");
  return {
    title,
    details: rest.flatMap((line) => {
      const match = /^(\s*)- (.*)$/.exec(line);
      return match ? [{ depth: Math.floor(match[1]!.length / 2), text: match[2]! }] : [];
    }),
  };
}
