// Turns an uploaded file (bytes or an already-read string) into clean LF-terminated text,
// or one human sentence saying why it cannot be a Markdown checklist.
import { CP1252_HIGH } from "./mojibake";
//
// Encodings: UTF-8 (with or without BOM); UTF-16 LE/BE with a BOM, or without one when the
// NUL bytes fall where ASCII text in UTF-16 puts them (Windows editors save "Unicode" so);
// anything else that is not UTF-8 is read as Windows-1252, the usual legacy encoding of
// Western European text, with a warning, unless it has bytes that encoding leaves undefined.

export const MAX_TEMPLATE_BYTES = 1_048_576;

export type DecodeResult = { ok: true; text: string; warnings?: string[] } | { ok: false; error: string };

const BINARY = "The file looks binary (it contains NUL bytes).";
export const CP1252_WARNING =
  "The file is not UTF-8, so it was read as Windows-1252 (Western European): check accented letters and symbols in the preview, and save the file as UTF-8 to be sure.";

function tooLarge(bytes: number): string {
  const mb = (bytes / MAX_TEMPLATE_BYTES).toFixed(1);
  // "larger than 1 MB (1.0 MB)" would read as a contradiction, so fall back to bytes.
  const size = mb === "1.0" ? `${bytes.toLocaleString("en-US")} bytes` : `${mb} MB`;
  return `The file is larger than 1 MB (${size}).`;
}

function finish(text: string, warnings?: string[]): DecodeResult {
  if (text.includes("\u0000")) return { ok: false, error: BINARY };
  const withoutBom = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const normalised = withoutBom.replace(/\r\n?/g, "\n");
  if (normalised.trim() === "") {
    const error = normalised === "" ? "The file is empty." : "The file is empty (it contains only whitespace).";
    return { ok: false, error };
  }
  return warnings ? { ok: true, text: normalised, warnings } : { ok: true, text: normalised };
}

function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** How many of the first 8 KB's code units have a zero high byte if the bytes are UTF-16 in this
 * order, or 0 when they cannot be text so (no line feed, or other control characters). */
function utf16Evidence(bytes: Uint8Array, order: "le" | "be"): number {
  const sample = Math.min(bytes.length, 8192);
  const [low, high] = order === "le" ? [0, 1] : [1, 0];
  let asciiHigh = 0;
  let lineFeeds = 0;
  for (let i = 0; i + 1 < sample; i += 2) {
    const unit = bytes[i + low]! | (bytes[i + high]! << 8);
    if (unit === 0x0a) lineFeeds++;
    else if (unit < 0x20 && unit !== 0x09 && unit !== 0x0c && unit !== 0x0d) return 0;
    if (bytes[i + high] === 0) asciiHigh++;
  }
  // Text in any script has ASCII (Markdown marks, spaces, line ends), whose high byte is 0.
  return lineFeeds > 0 && asciiHigh >= sample / 8 ? asciiHigh : 0;
}

/** "le"/"be" when the bytes read as UTF-16 text without a BOM (Windows editors save "Unicode" so). */
function bomlessUtf16(bytes: Uint8Array): "le" | "be" | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0 || !bytes.includes(0)) return null;
  const le = utf16Evidence(bytes, "le");
  const be = utf16Evidence(bytes, "be");
  return le > be ? "le" : be > le ? "be" : null;
}

function utf16(bytes: Uint8Array, order: "le" | "be", skip: number): DecodeResult {
  try {
    return finish(new TextDecoder(`utf-16${order}`, { fatal: true }).decode(bytes.subarray(skip)));
  } catch {
    return {
      ok: false,
      error: `The file starts like UTF-16 text but is not valid UTF-16; save it as UTF-8 and try again.`,
    };
  }
}

export function decodeInput(input: string | Uint8Array): DecodeResult {
  if (typeof input === "string") {
    const bytes = input.length * 3 <= MAX_TEMPLATE_BYTES ? 0 : new TextEncoder().encode(input).length;
    if (bytes > MAX_TEMPLATE_BYTES) return { ok: false, error: tooLarge(bytes) };
    return finish(input);
  }
  if (input.length > MAX_TEMPLATE_BYTES) return { ok: false, error: tooLarge(input.length) };
  if (input.length === 0) return { ok: false, error: "The file is empty." };
  const [b0, b1] = input;
  if (b0 === 0xff && b1 === 0xfe) return utf16(input, "le", 2);
  if (b0 === 0xfe && b1 === 0xff) return utf16(input, "be", 2);
  const order = bomlessUtf16(input);
  if (order) return utf16(input, order, 0);
  if (input.includes(0)) return { ok: false, error: BINARY };
  try {
    return finish(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input));
  } catch {
    return windows1252(input);
  }
}

// The five bytes Windows-1252 leaves undefined; a file with them is in some other encoding.
const UNDEFINED_IN_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

function windows1252(bytes: Uint8Array): DecodeResult {
  const bad = bytes.findIndex((b) => UNDEFINED_IN_CP1252.has(b));
  if (bad !== -1) {
    const byte = `0x${bytes[bad]!.toString(16).toUpperCase()}`;
    return {
      ok: false,
      error: `The file is not UTF-8 text, nor Windows-1252 (byte ${byte} on line ${lineAt(bytes, bad)}); save it as UTF-8 and try again.`,
    };
  }
  // By hand: Node's TextDecoder reads "windows-1252" as Latin-1 (0x80–0x9F as C1 controls).
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b);
  return finish(text, [CP1252_WARNING]);
}
