// Reads kind / priority / cadence from heading labels and resolves them along the heading
// ancestry, so "### 🔴 CRITICAL" under "## Pre-Deployment Checklist" is a critical
// pre-deployment section. Whether a section is a procedure is decided by what it holds
// (numbered steps and no boxes); heading words only break ties.
import type { Cadence, Priority, SectionKind } from "./types";

export type Classification = { kind: SectionKind; priority: Priority | null; cadence: Cadence | null };

/** Which heading gave an attribute, for the preview's "why". */
type Source = { heading: string; inherited: boolean };

/** What one heading says. `final` (a trailing tag) means "exactly this, inherit nothing". */
export type Hints = {
  /** A kind other than PROCEDURE (words never make a procedure on their own), or a tag's kind. */
  kind: SectionKind | null;
  priority: Priority | null;
  cadence: Cadence | null;
  final: boolean;
  /** The heading mentions a procedure, runbook, incident or emergency: a tie-breaker only. */
  procedureWord?: boolean;
  /** The heading's text, for explanations. */
  heading?: string;
};

export const NO_HINTS: Hints = { kind: null, priority: null, cadence: null, final: false };

const PRIORITY_LABEL = /^(?:priority )?(critical|high|recommended)(?: priority)?$/;
// "Priority: Critical" names its priority after the colon the label stops at.
const PRIORITY_COLON = /^priority:\s*(critical|high|recommended)\b/i;
const CADENCES = "daily|weekly|monthly|quarterly|annually|annual|yearly";
// "Weekly", "Monthly checks", "Regular maintenance quarterly": the cadence is the label.
const CADENCE_LABEL = new RegExp(
  `^(?:(?:regular|routine|ongoing) )?(?:maintenance )?(${CADENCES})(?: (?:maintenance|tasks|checks|checklist|reviews?))?$`,
);
const BRACKET_WORDS = /\[([^\]]+)\]/g;
const PROCEDURE_WORDS = /\b(procedures?|runbooks?|incidents?|emergency|emergencies|playbooks?)\b/i;
const MAINTENANCE_WORDS = /\bmaintenance\b/;
const POST_LABEL = /^(?:post[- ]?(?:deployment|deploy|launch|release)\b|verification$)/;
const PRE_LABEL = /^pre[- ]?(?:deployment|deploy|launch|release|production)\b/;

const CADENCE_OF: Record<string, Cadence> = {
  daily: "DAILY",
  weekly: "WEEKLY",
  monthly: "MONTHLY",
  quarterly: "QUARTERLY",
  annually: "ANNUALLY",
  annual: "ANNUALLY",
  yearly: "ANNUALLY",
};

// The exporter's trailing tag, e.g. "Data Breach [Procedure]": it lets a section keep its
// exact title while still stating a classification its words alone would not give.
const TAG = /\s*\[([A-Za-z][A-Za-z\s,-]*)\]\s*$/;
const TAG_KIND: Record<string, SectionKind> = {
  "pre-deployment": "PRE_DEPLOYMENT",
  "post-deployment": "POST_DEPLOYMENT",
  maintenance: "MAINTENANCE",
  procedure: "PROCEDURE",
  reference: "REFERENCE",
};
const KIND_TAG_WORD: Record<SectionKind, string> = {
  PRE_DEPLOYMENT: "Pre-deployment",
  POST_DEPLOYMENT: "Post-deployment",
  MAINTENANCE: "Maintenance",
  PROCEDURE: "Procedure",
  REFERENCE: "Reference",
};

function capitalise(word: string): string {
  return word.charAt(0) + word.slice(1).toLowerCase();
}

/** "[Procedure, Critical]" for the exporter; parseTag reads it back. */
export function formatTag(c: Classification): string {
  const words = [KIND_TAG_WORD[c.kind]];
  if (c.priority) words.push(capitalise(c.priority));
  if (c.cadence) words.push(capitalise(c.cadence));
  return `[${words.join(", ")}]`;
}

function parseTag(inner: string): Hints | null {
  const hints: Hints = { ...NO_HINTS, final: true };
  for (const raw of inner.split(/[\s,]+/).filter(Boolean)) {
    const word = raw.toLowerCase();
    const kind = TAG_KIND[word];
    const upper = word.toUpperCase();
    if (kind && !hints.kind) hints.kind = kind;
    else if (upper === "CRITICAL" || upper === "HIGH" || upper === "RECOMMENDED") hints.priority = upper;
    else if (CADENCE_OF[word]) hints.cadence = CADENCE_OF[word] ?? null;
    else return null; // any other word means the brackets are part of the title
  }
  return hints.kind ? hints : null;
}

/**
 * The heading's label: its text without emoji, bracketed tags, punctuation and a trailing
 * " - …", " – …" or ": …" part, lower-cased. "🔴 CRITICAL - Must Complete" → "critical".
 */
export function headingLabel(text: string): string {
  const head = plain(text.replace(BRACKET_WORDS, " ")).split(/\s[-–—]\s|:\s|:$/)[0]!;
  return head
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]+/gu, " ")
    .replace(/(^|\s)-+|-+(?=\s|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The heading without emoji and surrounding space. */
function plain(text: string): string {
  return text.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\u{20E3}]/gu, " ").trim();
}

/** What a heading's label (and any bracketed word) says; prose around a keyword says nothing. */
function labelHints(text: string): Hints {
  const label = headingLabel(text);
  const named =
    PRIORITY_LABEL.exec(label)?.[1] ?? (label === "priority" ? PRIORITY_COLON.exec(plain(text)) : null)?.[1];
  let priority = (named?.toUpperCase() ?? null) as Priority | null;
  let cadence = CADENCE_OF[CADENCE_LABEL.exec(label)?.[1] ?? ""] ?? null;
  for (const [, inner] of text.matchAll(BRACKET_WORDS)) {
    for (const word of (inner ?? "").toLowerCase().split(/[\s,]+/)) {
      if (!priority && PRIORITY_LABEL.test(word)) priority = word.toUpperCase() as Priority;
      if (!cadence && CADENCE_OF[word]) cadence = CADENCE_OF[word] ?? null;
    }
  }
  let kind: SectionKind | null = null;
  if (cadence || MAINTENANCE_WORDS.test(label)) kind = "MAINTENANCE";
  else if (POST_LABEL.test(label)) kind = "POST_DEPLOYMENT";
  else if (PRE_LABEL.test(label)) kind = "PRE_DEPLOYMENT";
  return { kind, priority, cadence, final: false, procedureWord: PROCEDURE_WORDS.test(text), heading: text };
}

/** The section title (tag removed) and what the heading says about its section. */
export function readHeading(text: string): { title: string; hints: Hints } {
  const tag = TAG.exec(text);
  const tagHints = tag?.[1] ? parseTag(tag[1]) : null;
  if (tag && tagHints) return { title: text.slice(0, tag.index).trim(), hints: { ...tagHints, heading: text } };
  return { title: text, hints: labelHints(text) };
}

/** Resolved hints, with where each attribute came from. */
export type Resolved = Hints & {
  procedureHint: boolean;
  from: { kind: Source | null; priority: Source | null; cadence: Source | null; procedure: Source | null };
};

/** Nearest heading first; each attribute comes from the nearest heading that names it. */
export function resolveHints(chain: Hints[]): Resolved {
  const nearest = <K extends "kind" | "priority" | "cadence">(key: K): [Hints[K] | null, Source | null] => {
    for (const [i, h] of chain.entries()) {
      if (h[key] !== null) return [h[key], { heading: h.heading ?? "", inherited: i > 0 }];
      if (h.final) return [null, null];
    }
    return [null, null];
  };
  const [kind, kindFrom] = nearest("kind");
  const [priority, priorityFrom] = nearest("priority");
  const [cadence, cadenceFrom] = nearest("cadence");
  const own = chain[0];
  const wordAt = own?.final ? -1 : chain.findIndex((h) => h.procedureWord);
  return {
    kind,
    priority,
    cadence,
    final: own?.final ?? false,
    procedureHint: wordAt >= 0,
    from: {
      kind: kindFrom,
      priority: priorityFrom,
      cadence: cadenceFrom,
      procedure: wordAt >= 0 ? { heading: chain[wordAt]?.heading ?? "", inherited: wordAt > 0 } : null,
    },
  };
}

/** What a section holds, as far as its kind is concerned. */
export type Shape = {
  /** Any task box anywhere in the section. */
  boxes: boolean;
  /** A numbered list that reads as the section's steps (see parse.ts). */
  steps: "only" | "mixed" | "none";
};

/**
 * Numbered steps and no boxes make a procedure; when the numbered list shares the section
 * with other prose, a procedure word in the heading or its parents decides. Boxes always win.
 */
export function isProcedure(resolved: Resolved, shape: Shape): boolean {
  if (resolved.final) return resolved.kind === "PROCEDURE";
  if (shape.boxes || shape.steps === "none") return false;
  return shape.steps === "only" || resolved.procedureHint;
}

/**
 * A section's classification from its resolved hints and whether it holds items (and,
 * for a procedure, steps). A tagged heading is taken literally; otherwise item-less
 * sections are REFERENCE, unmarked checklists default to PRE_DEPLOYMENT, and cadence only
 * means something for MAINTENANCE.
 */
export function classify(resolved: Hints, hasItems: boolean, procedure = false): Classification {
  const { priority, cadence } = resolved;
  if (resolved.final && resolved.kind) return { kind: resolved.kind, priority, cadence };
  if (!hasItems) return { kind: "REFERENCE", priority: null, cadence: null };
  if (procedure) return { kind: "PROCEDURE", priority, cadence: null };
  const kind = resolved.kind && resolved.kind !== "PROCEDURE" ? resolved.kind : "PRE_DEPLOYMENT";
  return { kind, priority, cadence: kind === "MAINTENANCE" ? cadence : null };
}

const KIND_NAME: Record<SectionKind, string> = {
  PRE_DEPLOYMENT: "Pre-deployment",
  POST_DEPLOYMENT: "Post-deployment",
  MAINTENANCE: "Maintenance",
  PROCEDURE: "Procedure",
  REFERENCE: "Reference",
};

const fromText = (s: Source) => `${s.inherited ? "parent heading" : "heading"} “${s.heading}”`;

/** One line a person can check: why the section got its kind and priority. */
export function explain(c: Classification, resolved: Resolved, shape: Shape, hasItems: boolean): string {
  const parts: string[] = [];
  if (resolved.final) parts.push(`${KIND_NAME[c.kind]}: tagged so in its heading`);
  else if (!hasItems) parts.push("Reference: no boxes or steps");
  else if (c.kind === "PROCEDURE") {
    parts.push(
      shape.steps === "only"
        ? "Procedure: numbered steps and no boxes"
        : `Procedure: numbered steps beside other text, and ${fromText(resolved.from.procedure!)} names a procedure`,
    );
  } else {
    const why =
      resolved.from.kind && resolved.kind === c.kind ? `from ${fromText(resolved.from.kind)}` : "the default for boxes";
    const boxesOverride = shape.boxes && resolved.procedureHint ? " (boxes, so not a procedure)" : "";
    parts.push(`${KIND_NAME[c.kind]}: ${why}${boxesOverride}`);
  }
  if (c.priority && resolved.from.priority)
    parts.push(`priority ${capitalise(c.priority)} from ${fromText(resolved.from.priority)}`);
  else if (hasItems) parts.push("no priority (no heading's label is one)");
  if (c.cadence && resolved.from.cadence)
    parts.push(`cadence ${capitalise(c.cadence)} from ${fromText(resolved.from.cadence)}`);
  return parts.join("; ") + ".";
}
