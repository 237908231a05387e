import { describe, expect, it } from "vitest";
import { repairMojibake } from "./mojibake";

describe("repairMojibake", () => {
  it.each([
    ["ðŸ”´ CRITICAL", "🔴 CRITICAL"],
    ["ðŸŸ¡ HIGH and ðŸŸ¢ OK", "🟡 HIGH and 🟢 OK"],
    ["Done â€” next", "Done — next"],
    ["âœ… shipped", "✅ shipped"],
    ["cafÃ© crÃ¨me", "café crème"],
    ["â€œquotedâ€\u009d", "“quoted”"], // 0x9D is undefined in cp1252 and passes through as U+009D
    ["Ã\u0081rbol", "Árbol"], // 0x81, likewise
    ["ðŸ˜\u008d", "😍"], // 0x8D
    ["â\u0080\u0094", "—"], // a Latin-1 (not cp1252) mis-decode of the same bytes
  ])("repairs %j", (garbled, intended) => {
    expect(repairMojibake(garbled)).toEqual({ text: intended, repaired: expect.any(Number) });
  });

  it.each([
    "café naïve résumé",
    "🔴 real emoji ✅",
    "“typographic quotes” — and – dashes…",
    "£5, © 2024, 日本語, Ελληνικά",
    "Ã alone",
    "Â\u0081", // decodes to a C1 control, which is not text
    "plain ASCII",
  ])("leaves correct text alone: %j", (text) => {
    expect(repairMojibake(text)).toEqual({ text, repaired: 0 });
  });

  it("counts repaired sequences", () => {
    expect(repairMojibake("ðŸ”´ a â€” b cafÃ©").repaired).toBe(3);
  });
});
