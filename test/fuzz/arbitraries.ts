// Hostile values for the fuzz tests: wrong types, boundary lengths, unicode that breaks
// naive code (lone surrogates, NUL, bidi overrides, zero-width), and strings that look
// like paths, SQL or markup. Plausible values (real ids, enum members) are mixed in so
// some inputs get past validation and reach the domain code and the database.
import fc from "fast-check";

/** One seed for the whole run, printed with every failure; FUZZ_SEED=<n> replays a run. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

export const fuzzParameters = (numRuns: number): fc.Parameters<unknown> => ({
  seed: FUZZ_SEED,
  numRuns,
  endOnFailure: true,
});

const lengths = [0, 1, 63, 64, 65, 100, 101, 200, 201, 2_000, 2_001, 5_001, 10_000, 10_001, 100_001, 1_000_000];

/** Strings of the lengths the schemas draw lines at (and 1M), in ASCII and in astral characters. */
export const boundaryString = fc
  .tuple(fc.constantFrom(...lengths), fc.constantFrom("a", " ", "é", "😀", "\u0000", "<"))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

export const trickyString = fc.constantFrom(
  "",
  "   ",
  "\u0000",
  "nul\u0000inside",
  "\uD800",
  "lone \uDFFF low",
  "\u202Egnp.exe",
  "zero\u200Bwidth\u200D\uFEFF",
  "مرحبا بالعالم",
  "e\u0301\u0301\u0301",
  "𝕳𝖊𝖑𝖑𝖔 😀👩‍👩‍👧‍👦",
  "../../../../etc/passwd",
  "..%2F..%2Fetc%2Fpasswd",
  '\'; DROP TABLE "User"; --',
  "' OR '1'='1",
  "%00",
  "%",
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-0",
  "1e309",
  "0x10",
  "9007199254740993",
  "2026-02-30",
  "2026-12-31",
  "9999-99-99",
  "http://127.0.0.1:9/x",
  "https://example.com/evidence",
  "https://user:pass@example.com/",
  "file:///etc/passwd",
  "a".repeat(64),
  "0".repeat(64),
  "\r\n\r\n",
  "line\nbreak",
);

export const unicodeString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }),
);

export const weirdNumber = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    -0,
    0,
    1,
    -1,
    1.5,
    Infinity,
    -Infinity,
    2 ** 31,
    2 ** 53 + 2,
    1e308,
    Number.MIN_VALUE,
    99,
    999,
    10_000,
    10_001,
  ),
  fc.double(),
  fc.integer(),
);

/** Any JavaScript value, including the ones JSON cannot carry. */
export const anything = fc.anything({
  maxDepth: 3,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

export const enumValue = fc.constantFrom(
  "OPEN",
  "DONE",
  "NOT_APPLICABLE",
  "ADMIN",
  "MANAGER",
  "REVIEWER",
  "ENGINEER",
  "VIEWER",
  "SEV1",
  "SEV4",
  "org",
  "service",
  "PRE_DEPLOYMENT",
  "PROCEDURE",
  "MAINTENANCE",
  "REFERENCE",
  "CRITICAL",
  "HIGH",
  "RECOMMENDED",
  "WEEKLY",
  "DEPLOYMENT_SIGNED_OFF",
  "MAINTENANCE_OVERDUE",
  "READ",
  "WRITE",
  "GATE",
);

/** Any one value a field might receive. `ids` are real rows, so some inputs reach the domain. */
export function fieldValue(ids: string[]): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    { weight: 3, arbitrary: trickyString },
    { weight: 2, arbitrary: boundaryString },
    { weight: 2, arbitrary: unicodeString },
    { weight: 2, arbitrary: weirdNumber },
    { weight: 2, arbitrary: enumValue },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 25 }) },
    { weight: 1, arbitrary: anything },
  );
}

/** Objects with the keys the schemas read (and some they do not), holding hostile values. */
export function keyedObject(keys: string[], ids: string[]): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.oneof(trickyString, fc.string({ maxLength: 10 })) },
  );
  return fc.dictionary(key, fieldValue(ids), { maxKeys: 10, noNullPrototype: false });
}

/** Markdown-ish text, so importers see headings, task lists and procedures built from hostile pieces. */
export const markdownish = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom(
          "# Title",
          "## CRITICAL",
          "## HIGH 🔴",
          "## Weekly",
          "## Incident response procedure",
          "## Post-deployment verification",
          "Next Review: Date + 30 days",
          "| a | b |\n|---|---|\n| 1 | 2 |",
          "```\ncode\n```",
          "> quote",
          "",
        ),
        fc
          .tuple(
            fc.constantFrom("- [ ] ", "  - [x] ", "* ", "1. ", "# ", "## ", "### ", ""),
            fc.oneof(trickyString, unicodeString),
          )
          .map(([prefix, text]) => prefix + text),
      ),
      { maxLength: 30 },
    ),
    fc.constantFrom("\n", "\r\n", "\r"),
  )
  .map(([lines, eol]) => lines.join(eol));

/** A form a browser could post: strings and files under known and unknown names. */
export function formDataArbitrary(keys: string[], ids: string[]): fc.Arbitrary<FormData> {
  const value = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.oneof(markdownish, trickyString, boundaryString, unicodeString, fc.constantFrom(...ids)),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => new File([bytes], "upload.md")) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new File([], ""),
        new File([new Uint8Array(1_100_000)], "big.md"),
        new File(["\uFEFF# BOM\n- [ ] x"], "bom.md"),
      ),
    },
    { weight: 1, arbitrary: fc.json().map((json) => json) },
  );
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("text", "file", "overrides") },
    { weight: 2, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  return fc.array(fc.tuple(key, value), { maxLength: 6 }).map((entries) => {
    const form = new FormData();
    for (const [name, entry] of entries) form.append(name, entry as string | Blob);
    return form;
  });
}

/** A printable form of an input for failure messages (huge strings shortened). */
export function describeInput(value: unknown): string {
  if (value instanceof FormData)
    return `FormData ${describeInput(Object.fromEntries([...value.entries()].map(([k, v]) => [k, typeof v === "string" ? v : `File(${v.name}, ${v.size} bytes)`])))}`;
  return fc.stringify(value).replace(/"([^"]{200})[^"]{200,}"/g, (_, head: string) => `"${head}…"`);
}
