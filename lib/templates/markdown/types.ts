// Shapes shared by the Markdown parser, exporter and summary. Pure data, no I/O.

export const SECTION_KINDS = ["PRE_DEPLOYMENT", "POST_DEPLOYMENT", "MAINTENANCE", "PROCEDURE", "REFERENCE"] as const;
export const PRIORITIES = ["CRITICAL", "HIGH", "RECOMMENDED"] as const;
export const CADENCES = ["DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "ANNUALLY"] as const;

export type SectionKind = (typeof SECTION_KINDS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Cadence = (typeof CADENCES)[number];

export type ParsedItem = {
  /** Inline Markdown on one line. */
  text: string;
  /** Markdown under the item that is not itself a box (sub-bullets, sub-steps, a <details> block); absent when none. */
  details?: string | null;
  /** Pairs of a `<!-- preflight: … -->` comment on the item (see preflight.ts); absent when none. */
  preflight?: Record<string, string>;
  children: ParsedItem[];
};

export type ParsedSection = {
  title: string;
  kind: SectionKind;
  priority: Priority | null;
  cadence: Cadence | null;
  items: ParsedItem[];
  /** Markdown of everything under the heading that is not an item; null when there is none. */
  content: string | null;
};

export type ParsedTemplate = {
  /** Empty when the file names none (no H1, no front matter title): the importer must ask. */
  title: string;
  reviewIntervalDays: number;
  sections: ParsedSection[];
  /** Front matter besides the title, as written (TemplateVersion.metadata); absent when none. */
  metadata?: Record<string, string>;
};

export type ParseResult =
  | {
      ok: true;
      template: ParsedTemplate;
      warnings: string[];
      /** Per section, in order: why it got its kind and priority (the preview shows it). */
      why?: string[];
    }
  | { ok: false; error: string };

export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;
