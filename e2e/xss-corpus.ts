// Hostile text for every field people write in. Each payload, if it ever ran, would set
// window.__xss to its number or open a dialog with it; the checks below look for both, for
// script-capable links and for event-handler attributes that came from user text.
import { expect, type Page } from "@playwright/test";

declare global {
  interface Window {
    __xss?: number;
  }
}

export type Payload = { n: number; text: string };

const raw = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3">',
  "<svg><script>window.__xss=4</script></svg>",
  '<iframe src="javascript:window.top.__xss=5"></iframe>',
  '<a href="javascript:window.__xss=6">a6</a>',
  "[x7](javascript:window.__xss=7)",
  "[x8](JaVaScRiPt:window.__xss=8)",
  "[x9](data:text/html;base64,PHNjcmlwdD5hbGVydCg5KTwvc2NyaXB0Pg==)",
  "![x10](javascript:window.__xss=10)",
  '<details open ontoggle="window.__xss=11">',
  "<b><i></b></i><script>window.__xss=12</script>",
  '"><script>window.__xss=13</script>',
  "'-alert(14)-'",
  "{{constructor.constructor('window.__xss=15')()}}",
  "&lt;script&gt;window.__xss=16&lt;/script&gt;",
  "<javascript:window.__xss=17>",
  "[x18][r18]",
  '<style>@import "javascript:window.__xss=19";</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=20">',
  '<a href="&#106;avascript:window.__xss=21">a21</a>',
  "[x22](&#106;avascript:window.__xss=22)",
  '<input autofocus onfocus="window.__xss=23">',
  "javascript:window.__xss=24",
];

export const payloads: Payload[] = raw.map((text, index) => ({ n: index + 1, text }));

/** Lines that only mean something at the start of a Markdown line (a link definition). */
export const referenceDefinitions = [
  "[r18]: javascript:window.__xss=18",
  '[r25]: data:text/html,<script>window.__xss=25</script> "t"',
  "[x25][r25]",
];

/** Payloads a single-line label (service, environment, version, names) may hold: no < >. */
export const labelPayloads = payloads.filter((p) => !/[<>]/.test(p.text));

/** Every payload on one line each, numbered so a failure points at the one that got through. */
export function allPayloadsText(): string {
  return payloads.map((p) => `p${p.n}: ${p.text}`).join("\n");
}

export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return dialogs;
}

/** What in the page could run script: __xss, script-capable links and frames, on* attributes, scripts without the nonce. */
export function xssFindings(page: Page) {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll("*")];
    return {
      xss: window.__xss,
      scriptLinks: [
        ...document.querySelectorAll(
          '[href^="javascript:" i], [src^="javascript:" i], [href^="data:" i], [action^="javascript:" i], [formaction], iframe, object, embed',
        ),
      ].map((e) => e.outerHTML.slice(0, 120)),
      handlers: elements.flatMap((e) =>
        [...e.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `<${e.tagName.toLowerCase()} ${a.name}="${a.value.slice(0, 60)}">`),
      ),
      scriptsWithoutNonce: [...document.scripts]
        .filter((s) => !s.src && !s.nonce)
        .map((s) => s.outerHTML.slice(0, 120)),
      userStyles: [...document.querySelectorAll("style")].filter((s) => s.textContent?.includes("__xss")).length,
    };
  });
}

/** Nothing ran and nothing could run: no dialog, no __xss, no script links, no handlers, no stray scripts. */
export async function expectNoXss(page: Page, dialogs: string[], where: string) {
  await page.waitForLoadState("load");
  expect(dialogs, `${where}: dialogs`).toEqual([]);
  const findings = await xssFindings(page);
  expect(findings, where).toEqual({
    xss: undefined,
    scriptLinks: [],
    handlers: [],
    scriptsWithoutNonce: [],
    userStyles: 0,
  });
}

/** The page shows `text` literally somewhere (as text, not as markup). */
export async function expectShownAsText(page: Page, text: string, where: string) {
  await expect
    .poll(() => page.evaluate((t) => document.body.innerText.includes(t), text), { message: `${where} shows ${text}` })
    .toBe(true);
}
