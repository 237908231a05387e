import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { unique } from "./helpers";

/** Links to template pages in the templates list (not "Import Markdown"). */
function templateLinks(page: Page) {
  return page.locator('main a[href^="/templates/"]:not([href="/templates/import"])');
}

type BadFile = { what: string; name: string; buffer: Buffer; message: string };

test.describe("bad Markdown files", () => {
  test("each gets a clear message, and nothing is stored", async ({ page, login }) => {
    test.setTimeout(90_000);
    await login({ role: "ADMIN" });
    const id = unique();
    const title = `Bad import ${id}`;

    await page.goto("/templates");
    await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
    await expect(templateLinks(page).first()).toBeVisible();
    const before = await templateLinks(page).count();

    const files: BadFile[] = [
      { what: "an empty file", name: `empty-${id}.md`, buffer: Buffer.alloc(0), message: "The file is empty." },
      {
        what: "only whitespace",
        name: `blank-${id}.md`,
        buffer: Buffer.from("  \n\t\n"),
        message: "The file is empty (it contains only whitespace).",
      },
      {
        what: "a binary file",
        name: `binary-${id}.md`,
        buffer: Buffer.from([0x23, 0x20, 0x54, 0x00, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47]),
        message: "The file looks binary (it contains NUL bytes).",
      },
      {
        what: "bytes that are neither UTF-8 nor Windows-1252",
        name: `latin-${id}.md`,
        buffer: Buffer.concat([Buffer.from(`# ${title}\n\n- [ ] caf`), Buffer.from([0xe9, 0x81]), Buffer.from("\n")]),
        message: "The file is not UTF-8 text, nor Windows-1252 (byte 0x81 on line 3); save it as UTF-8 and try again.",
      },
      {
        what: "a UTF-16 byte order mark before broken UTF-16",
        name: `utf16-${id}.md`,
        buffer: Buffer.from([0xff, 0xfe, 0x23, 0x00, 0x00, 0xd8]),
        message: "The file starts like UTF-16 text but is not valid UTF-16; save it as UTF-8 and try again.",
      },
      {
        what: "Markdown without a checklist",
        name: `prose-${id}.md`,
        buffer: Buffer.from(`# ${title}\n\nJust prose.\n`),
        message: "No checklist content found: the file has no headings with task lists or numbered steps.",
      },
    ];

    await page.getByRole("link", { name: "Import Markdown" }).click();
    await expect(page).toHaveURL(/\/templates\/import$/);
    const fileInput = page.getByLabel("Or upload a .md file");
    // The form's own alert, not Next's route announcer or a toast.
    const sourceAlert = page.locator("form").getByRole("alert");

    for (const file of files) {
      await test.step(file.what, async () => {
        await fileInput.setInputFiles({ name: file.name, mimeType: "text/markdown", buffer: file.buffer });
        await expect(page.getByText(`Using ${file.name}`)).toBeVisible();
        await expect(sourceAlert).toHaveCount(0);
        await page.getByRole("button", { name: "Preview" }).click();
        await expect(sourceAlert).toBeVisible();
        // Soft: a wrong message for one file should not hide how the others are handled.
        await expect.soft(sourceAlert).toHaveText(file.message);
        await expect(page.getByTestId("import-summary")).toHaveCount(0);
        await expect(page.getByRole("button", { name: "Import template" })).toHaveCount(0);
      });
    }

    await test.step("a file larger than 1 MB is refused before it is sent", async () => {
      const name = `huge-${id}.md`;
      const huge = Buffer.from(`# ${title}\n\n- [ ] item\n`.padEnd(1_048_577, "x"));
      await fileInput.setInputFiles({ name, mimeType: "text/markdown", buffer: huge });
      await expect(sourceAlert).toHaveText("The file is larger than 1 MB.");
      // The file is not kept, so Preview has nothing to send.
      await expect(page.getByText(`Using ${name}`)).toHaveCount(0);
      await page.getByRole("button", { name: "Preview" }).click();
      await expect(sourceAlert).toHaveText("Paste Markdown or choose a file.");
      await expect(page.getByTestId("import-summary")).toHaveCount(0);
    });

    await test.step("the templates list has no new entries", async () => {
      await page.goto("/templates");
      await expect(page.getByRole("heading", { name: "Templates", level: 1 })).toBeVisible();
      await expect(templateLinks(page)).toHaveCount(before);
      await expect(page.getByText(title)).toHaveCount(0);
    });
  });
});
