// The Content-Security-Policy as the browser applies it (Playwright's default, bypassCSP
// false): every script the server sends carries this response's nonce, and script that
// markup smuggles into the page — an inline event handler, a javascript: URL, a <script>
// the parser meets in a document (an iframe's srcdoc) — is blocked. Each injection is first
// shown to run on a page without the policy, so a pass means the policy stopped it, not
// that the injection was broken.
//
// Not tested, because the policy does not promise it: a <script> element created with
// document.createElement by code already running. 'strict-dynamic' deliberately trusts
// scripts that trusted scripts create (Chromium runs them, inline or not); React never
// turns data into script elements, and markup inserted as HTML never runs its <script>s.
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

declare global {
  interface Window {
    __xss?: number;
    __violations?: string[];
  }
}

const injections: { name: string; inject: (page: Page) => Promise<void> }[] = [
  {
    name: "an inline event handler in inserted markup",
    inject: (page) =>
      page.evaluate(() =>
        document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__xss = 1">'),
      ),
  },
  {
    name: "a <script> without the nonce, parsed in an iframe's srcdoc",
    inject: (page) =>
      page.evaluate(() =>
        document.body.insertAdjacentHTML("beforeend", '<iframe srcdoc="<script>parent.__xss = 2</script>"></iframe>'),
      ),
  },
  {
    name: "a javascript: URL navigated to by a click",
    inject: (page) =>
      page.evaluate(() => {
        const link = document.createElement("a");
        link.href = "javascript:window.__xss = 3";
        document.body.append(link);
        link.click();
      }),
  },
];

/** Violations reported in the page and its frames (a srcdoc iframe reports in its own document). */
async function violationCount(page: Page): Promise<number> {
  const counts = await Promise.all(
    page.frames().map((frame) => frame.evaluate(() => window.__violations?.length ?? 0).catch(() => 0)),
  );
  return counts.reduce((sum, n) => sum + n, 0);
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations!.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
}

test.describe("Content-Security-Policy in the browser", () => {
  // The blocked injections are reported in the console by Chromium; that is the point here.
  test.use({ allowedConsoleErrors: [/Content Security Policy/] });

  test("every served script carries the response's nonce", async ({ page, login }) => {
    await login({ role: "ADMIN" });
    for (const path of ["/sign-in", "/", "/templates", "/deployments", "/maintenance", "/procedures", "/admin"]) {
      const response = (await page.goto(path))!;
      const csp = (await response.allHeaders())["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, `${path} has a nonce in its CSP`).toBeTruthy();
      expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
      expect(scripts.length, `${path} serves scripts`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
    }
  });

  test("injected script runs without the policy and is blocked with it", async ({ page, login }) => {
    await test.step("control: without a CSP the injections run", async () => {
      for (const [index, injection] of injections.entries()) {
        await page.setContent("<!doctype html><title>no policy</title><body></body>");
        await injection.inject(page);
        await expect.poll(() => page.evaluate(() => window.__xss), { message: injection.name }).toBe(index + 1);
      }
    });

    await recordViolations(page);
    await login({ role: "ADMIN" });
    for (const path of ["/", "/templates"]) {
      for (const injection of injections) {
        await test.step(`${path}: ${injection.name}`, async () => {
          await page.goto(path);
          const before = await violationCount(page);
          await injection.inject(page);
          await expect
            .poll(() => violationCount(page), { message: "a securitypolicyviolation event" })
            .toBeGreaterThan(before);
          expect(await page.evaluate(() => window.__xss)).toBeUndefined();
          const violations = await page.evaluate(() => window.__violations!);
          // The inserted <img src="data:,"> is allowed (img-src data:); only scripts are refused.
          expect(violations.filter((v) => !v.startsWith("img-src")).every((v) => v.startsWith("script-src"))).toBe(
            true,
          );
        });
      }
    }
  });
});
