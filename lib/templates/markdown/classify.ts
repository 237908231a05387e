// Reads kind / priority / cadence from heading words and resolves them along the heading
// ancestry, so "### 🔴 CRITICAL" under "## Pre-Deployment Checklist" is a critical
// pre-deployment section.
import type { Cadence, Priority, SectionKind } from "./types";

export type Classification = { kind: SectionKind; priority: Priority | null; cadence: Cadence | null };

/** What one heading says. `final` (a trailing tag) means "exactly this, inherit nothing". */
export type Hints = {
  kind: SectionKind | null;
  priority: Priority | null;
  cadence: Cadence | null;
  final: boolean;
};

export const NO_HINTS: Hints = { kind: null, priority: null, cadence: null, final: false };

const PRIORITY_WORDS = /\b(critical|high|recommended)\b/i;
const CADENCE_WORDS = /\b(daily|weekly|monthly|quarterly|annually|annual|yearly)\b/i;
const PROCEDURE_WORDS = /\b(procedures?|runbooks?|incidents?|emergency|emergencies)\b/i;
const MAINTENANCE_WORDS = /\bmaintenance\b/i;
const POST_WORDS = /\bpost[-\s]?(deployment|deploy|launch|release)\b|\bverification\b/i;
const PRE_WORDS = /\bpre[-\s]?(deployment|deploy|launch|release)\b/i;

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

/** Words first met win: "HIGH PRIORITY - Strongly Recommended" is HIGH. */
function wordHints(text: string): Hints {
  const priority = PRIORITY_WORDS.exec(text)?.[1]?.toUpperCase() as Priority | undefined;
  const cadenceWord = CADENCE_WORDS.exec(text)?.[1]?.toLowerCase();
  const cadence = cadenceWord ? (CADENCE_OF[cadenceWord] ?? null) : null;
  // Within one heading the more specific kind wins: a "monthly incident drill" is a procedure.
  let kind: SectionKind | null = null;
  if (PROCEDURE_WORDS.test(text)) kind = "PROCEDURE";
  else if (cadence || MAINTENANCE_WORDS.test(text)) kind = "MAINTENANCE";
  else if (POST_WORDS.test(text)) kind = "POST_DEPLOYMENT";
  else if (PRE_WORDS.test(text)) kind = "PRE_DEPLOYMENT";
  return { kind, priority: priority ?? null, cadence, final: false };
}

/** The section title (tag removed) and what the heading says about its section. */
export function readHeading(text: string): { title: string; hints: Hints } {
  const tag = TAG.exec(text);
  const tagHints = tag?.[1] ? parseTag(tag[1]) : null;
  if (tag && tagHints) return { title: text.slice(0, tag.index).trim(), hints: tagHints };
  return { title: text, hints: wordHints(text) };
}

/** Nearest heading first; each attribute comes from the nearest heading that names it. */
export function resolveHints(chain: Hints[]): Hints {
  const nearest = <K extends "kind" | "priority" | "cadence">(key: K): Hints[K] | null => {
    for (const h of chain) {
      if (h[key] !== null || h.final) return h[key];
    }
    return null;
  };
  return {
    kind: nearest("kind"),
    priority: nearest("priority"),
    cadence: nearest("cadence"),
    final: chain[0]?.final ?? false,
  };
}

/**
 * A section's classification from its resolved hints. A tagged heading is taken literally;
 * otherwise item-less sections are REFERENCE, unmarked checklists default to
 * PRE_DEPLOYMENT, and cadence only means something for MAINTENANCE.
 */
export function classify(resolved: Hints, hasItems: boolean): Classification {
  const { priority, cadence } = resolved;
  if (resolved.final && resolved.kind) return { kind: resolved.kind, priority, cadence };
  if (!hasItems) return { kind: "REFERENCE", priority: null, cadence: null };
  const kind = resolved.kind ?? "PRE_DEPLOYMENT";
  return { kind, priority, cadence: kind === "MAINTENANCE" ? cadence : null };
}
