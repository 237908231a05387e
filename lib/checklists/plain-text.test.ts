import { describe, expect, it } from "vitest";
import { plainText } from "@/lib/checklists/plain-text";
import { sentence, utcDay } from "@/lib/format";

describe("plainText", () => {
  it("keeps what inline Markdown says and drops its marks", () => {
    expect(plainText("Set `DEBUG=false`")).toBe("Set DEBUG=false");
    expect(plainText("**Secrets** rotated, _all_ of them")).toBe("Secrets rotated, all of them");
    expect(plainText("Follow the [runbook](https://example.com/runbook)")).toBe("Follow the runbook");
    expect(plainText("See <https://example.com>")).toBe("See https://example.com");
  });

  it("leaves plain text as it is, and escaped marks as the characters they are", () => {
    expect(plainText("Backups verified")).toBe("Backups verified");
    expect(plainText("Use \\*literal\\* stars")).toBe("Use *literal* stars");
    expect(plainText("a_b_c stays")).toBe("a_b_c stays");
  });

  it("shows raw HTML as the text it is and folds line breaks into spaces", () => {
    expect(plainText("Check <b>this</b>")).toBe("Check <b>this</b>");
    expect(plainText("one\ntwo")).toBe("one two");
  });
});

describe("sentence", () => {
  it("ends a sentence with a period unless it already ends with one", () => {
    expect(sentence("“Set DEBUG=false” changed (status)")).toBe("“Set DEBUG=false” changed (status).");
    expect(sentence("Looks good.")).toBe("Looks good.");
    expect(sentence("Why?")).toBe("Why?");
    expect(sentence("It said “stop.”")).toBe("It said “stop.”");
    expect(sentence("  trailing  ")).toBe("trailing.");
    expect(sentence("")).toBe("");
  });
});

describe("utcDay", () => {
  it("names the UTC day, as the server reads a chosen date, whatever the local time zone", () => {
    const lateEvening = new Date("2026-12-01T23:30:00Z");
    expect(utcDay(0, lateEvening)).toBe("2026-12-01");
    expect(utcDay(1, lateEvening)).toBe("2026-12-02");
    expect(utcDay(1, new Date("2026-12-31T00:00:00Z"))).toBe("2027-01-01");
  });
});
