// Repairs UTF-8 text that was once decoded as Windows-1252 ("ðŸ”´" → "🔴", "â€”" → "—").
//
// Hand-written on purpose: no maintained npm package repairs cp1252 mojibake in strings
// (ftfy is Python-only). iconv-lite is present only as a transitive dependency, relies on
// Node Buffers (this code also runs in the browser preview) and encodes the five bytes
// cp1252 leaves undefined as "?", which would corrupt exactly the sequences we must restore.

/** cp1252 bytes 0x80–0x9F; 0 marks the five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D). */
export const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const SPECIAL_TO_BYTE = new Map<number, number>();
CP1252_HIGH.forEach((codePoint, i) => {
  if (codePoint !== 0) SPECIAL_TO_BYTE.set(codePoint, 0x80 + i);
});

/**
 * The byte a mis-decoder turned into this character, or undefined for ASCII and for
 * characters no cp1252/Latin-1 decoder can produce (those always end a run). U+0080–U+009F
 * map to themselves because decoders pass undefined bytes (and Latin-1 decoders all of
 * 0x80–0x9F) through as C1 controls.
 */
function mojibakeByte(code: number): number | undefined {
  if (code >= 0x80 && code <= 0xff) return code;
  return SPECIAL_TO_BYTE.get(code);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function redecode(bytes: number[]): string | null {
  try {
    const text = strictUtf8.decode(new Uint8Array(bytes));
    // Every byte is ≥ 0x80, so success means non-ASCII text; controls mean it was not text.
    return CONTROL.test(text) ? null : text;
  } catch {
    return null;
  }
}

/**
 * Re-decodes each maximal run of cp1252-producible non-ASCII characters as UTF-8 and keeps
 * the result only when the whole run decodes cleanly. Correct text survives because a lone
 * "é" (0xE9) or a real emoji is never a complete, valid UTF-8 sequence of such bytes.
 */
export function repairMojibake(text: string): { text: string; repaired: number } {
  let out = "";
  let repaired = 0;
  let i = 0;
  while (i < text.length) {
    const start = i;
    const bytes: number[] = [];
    for (let b = mojibakeByte(text.charCodeAt(i)); b !== undefined; b = mojibakeByte(text.charCodeAt(i))) {
      bytes.push(b);
      i++;
    }
    if (bytes.length === 0) {
      out += text[i];
      i++;
      continue;
    }
    const fixed = bytes.length > 1 ? redecode(bytes) : null;
    if (fixed === null) {
      out += text.slice(start, i);
    } else {
      out += fixed;
      repaired++;
    }
  }
  return { text: out, repaired };
}
