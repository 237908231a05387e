import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BlockMarkdown } from "./block-markdown";

const html = (text: string) => renderToStaticMarkup(<BlockMarkdown text={text} />);

describe("BlockMarkdown", () => {
  it("renders lists, code and safe links", () => {
    const out = html("* one **bold**\n* [two](https://two.example)\n\n```sh\nmake\n```");
    expect(out).toContain("<ul");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain('href="https://two.example"');
    expect(out).toContain("<pre");
  });

  it("shows raw HTML as text and drops unsafe links", () => {
    const out = html('<script>alert(1)</script>\n\n[x](javascript:alert(1)) and <b onclick="x">b</b>');
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;script&gt;");
    expect(out).not.toContain("javascript:");
    expect(out).toContain("&lt;b onclick=&quot;x&quot;&gt;");
  });

  it("rebuilds an allowlisted <details>/<summary> pair around the Markdown between them", () => {
    const out = html("<details>\n<summary>If it fails</summary>\n\n1. restore\n2. retry\n\n</details>");
    expect(out).toMatch(/^<div[^>]*><details[^>]*><summary[^>]*>If it fails<\/summary><ol/);
    expect(out).toContain("<li>restore</li>");
    expect(out).not.toContain("&lt;details");
  });

  it("keeps a <details> attribute other than open as text, and hides comments", () => {
    const out = html('<details class="x">\n\ntext\n\n</details>\n\n<!-- note for editors -->');
    expect(out).toContain("&lt;details class=&quot;x&quot;&gt;");
    expect(out).not.toContain("note for editors");
  });

  it("turns images into links, loading nothing", () => {
    const out = html("![diagram](https://img.example/d.png)");
    expect(out).not.toContain("<img");
    expect(out).toContain('href="https://img.example/d.png"');
    expect(out).toContain("diagram");
  });
});
