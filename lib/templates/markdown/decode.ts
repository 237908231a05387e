// Turns an uploaded file (bytes or an already-read string) into clean LF-terminated text,
// or one human sentence saying why it cannot be a Markdown checklist.

export const MAX_TEMPLATE_BYTES = 1_048_576;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: string };

function tooLarge(bytes: number): string {
  const mb = (bytes / MAX_TEMPLATE_BYTES).toFixed(1);
  // "larger than 1 MB (1.0 MB)" would read as a contradiction, so fall back to bytes.
  const size = mb === "1.0" ? `${bytes.toLocaleString("en-US")} bytes` : `${mb} MB`;
  return `The file is larger than 1 MB (${size}).`;
}

function finish(text: string): DecodeResult {
  if (text.includes("\u0000")) return { ok: false, error: "The file looks binary (it contains NUL bytes)." };
  const withoutBom = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const normalised = withoutBom.replace(/\r\n?/g, "\n");
  if (normalised.trim() === "") {
    const error = normalised === "" ? "The file is empty." : "The file is empty (it contains only whitespace).";
    return { ok: false, error };
  }
  return { ok: true, text: normalised };
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
  // UTF-16 is full of NUL bytes; name the real problem instead of calling it binary.
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    return { ok: false, error: "The file is UTF-16 text; save it as UTF-8 and try again." };
  }
  if (input.includes(0)) return { ok: false, error: "The file looks binary (it contains NUL bytes)." };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return { ok: false, error: "The file is not valid UTF-8 text." };
  }
  return finish(text);
}
