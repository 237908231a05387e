// The worker gives the parser's answer, and stops a parse past its time or memory limit.
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseTemplateMarkdown } from "@/lib/templates/markdown/parse";
import { memoryLimitMessage, parseInWorker, timeLimitMessage } from "./parse-in-worker";

const checklist = "# Release\n\n## Before\n\n- [ ] Tag the build\n- [ ] Tell support\n";
// Nested block quotes: micromark's time grows with the square of the depth.
const quoteTower = `${checklist}\n${">".repeat(200_000)} deep\n`;

describe("parseInWorker", () => {
  it("answers what the parser answers, for text and bytes", async () => {
    expect(await parseInWorker(checklist)).toEqual(parseTemplateMarkdown(checklist));
    const bytes = new TextEncoder().encode(checklist);
    expect(await parseInWorker(bytes)).toEqual(parseTemplateMarkdown(bytes));
  });

  it("refuses a file that takes longer than the time limit, naming it, and keeps parsing others", async () => {
    const slow = parseInWorker(quoteTower, { timeoutMs: 300 });
    await expect(slow).rejects.toBeInstanceOf(AppError);
    await expect(slow).rejects.toMatchObject({ status: 422, message: timeLimitMessage(300) });
    expect(timeLimitMessage(300)).toContain("0.3 s (IMPORT_PARSE_TIMEOUT_MS)");
    expect((await parseInWorker(checklist)).ok).toBe(true);
  });

  it("refuses a file that needs more memory than the cap, naming it", async () => {
    // 16 MB is enough to load the parser and read a small file, not the tree of 60,000 headings.
    expect((await parseInWorker(checklist, { memoryMb: 16 })).ok).toBe(true);
    const big = `${checklist}\n${Array.from({ length: 60_000 }, (_, i) => `## S${i}\n\nword\n\n`).join("")}`;
    const attempt = parseInWorker(big, { memoryMb: 16, timeoutMs: 60_000 });
    await expect(attempt).rejects.toMatchObject({ status: 422, message: memoryLimitMessage(16) });
    expect(memoryLimitMessage(16)).toContain("memory limit of 16 MB");
  });

  it("runs parses side by side: a slow one does not hold up a quick one", async () => {
    const order: string[] = [];
    const slow = parseInWorker(quoteTower, { timeoutMs: 3000 }).then(
      () => order.push("slow"),
      () => order.push("slow refused"),
    );
    await parseInWorker(checklist);
    order.push("quick");
    await slow;
    expect(order).toEqual(["quick", "slow refused"]);
  }, 15_000);
});
