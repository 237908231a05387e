"use client";

import type { Ref } from "react";
import { BlockMarkdown } from "@/components/markdown/block-markdown";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { PriorityBadge } from "@/components/ui/badges";
import { cardStyles } from "@/components/ui/styles";
import { countLeaves } from "@/lib/templates/markdown/summary";
import type { ParsedItem, ParsedSection, ParsedTemplate } from "@/lib/templates/markdown/types";
import { ClassificationSelects } from "./classification-selects";
import { importSummaryLine } from "./import-summary";
import { cadenceLabels, kindLabels } from "@/lib/templates/labels";
import { sectionName, type Classification } from "./labels";

type Props = {
  template: ParsedTemplate;
  warnings: string[];
  /** The classification shown per section: the parser's, or the person's correction. */
  classes: Classification[];
  onClassChange: (index: number, value: Classification) => void;
  disabled: boolean;
  headingRef?: Ref<HTMLHeadingElement>;
  /** Per section: why the parser gave it its kind and priority. */
  why?: string[];
};

/** What an import would create; the heading takes focus when the preview appears. */
export function ImportPreview({ template, warnings, classes, onClassChange, disabled, headingRef, why }: Props) {
  const effective = template.sections.map((section, index) => ({ ...section, ...(classes[index] ?? section) }));
  return (
    <section aria-labelledby="import-preview-title" className="space-y-4">
      <div className={`${cardStyles} p-4`}>
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Preview</p>
        <h2 id="import-preview-title" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
          {template.title || "Untitled: give it a title below"}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Review every {template.reviewIntervalDays} days · {template.sections.length} section
          {template.sections.length === 1 ? "" : "s"}
        </p>
        <p data-testid="import-summary" className="mt-2 text-sm font-medium">
          {importSummaryLine(effective)}
        </p>
      </div>

      {warnings.length > 0 ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <h3 className="font-semibold">Warnings</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <div>
        <h3 className="text-base font-semibold">Sections</h3>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Correct a section’s kind, priority or cadence if it was read wrongly; expand a section to see its items.
        </p>
        <ol className="mt-3 space-y-3">
          {template.sections.map((section, index) => (
            <SectionRow
              key={index}
              index={index}
              section={section}
              value={classes[index] ?? section}
              why={why?.[index]}
              onChange={(value) => onClassChange(index, value)}
              disabled={disabled}
            />
          ))}
        </ol>
      </div>
    </section>
  );
}

function sameClass(a: Classification, b: Classification): boolean {
  return a.kind === b.kind && a.priority === b.priority && a.cadence === b.cadence;
}

function SectionRow({
  index,
  section,
  value,
  onChange,
  disabled,
  why,
}: {
  index: number;
  why?: string | undefined;
  section: ParsedSection;
  value: Classification;
  onChange: (value: Classification) => void;
  disabled: boolean;
}) {
  const leaves = countLeaves(section.items);
  const corrected = !sameClass(value, section);
  return (
    <li className={`${cardStyles} grid gap-3 p-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]`}>
      <div className="min-w-0">
        <details>
          <summary className="cursor-pointer">
            <span className="font-medium">{section.title}</span>{" "}
            <span className="text-sm text-slate-600 dark:text-slate-400">
              · {leaves === 0 && section.content ? "text only" : `${leaves} item${leaves === 1 ? "" : "s"}`}
            </span>{" "}
            <span className="inline-flex flex-wrap items-center gap-1 align-middle text-xs">
              <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium dark:bg-slate-800">
                {kindLabels[value.kind]}
              </span>
              <PriorityBadge priority={value.priority} />
              {value.cadence ? (
                <span className="rounded-full bg-slate-100 px-2 py-0.5 font-medium dark:bg-slate-800">
                  {cadenceLabels[value.cadence]}
                </span>
              ) : null}
              {corrected ? <span className="font-semibold text-brand-700 dark:text-brand-50">(corrected)</span> : null}
            </span>
          </summary>
          <div className="mt-3 space-y-3 text-sm">
            {section.items.length > 0 ? <ItemList items={section.items} ordered={value.kind === "PROCEDURE"} /> : null}
            {section.content !== null ? (
              <pre className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">
                {section.content}
              </pre>
            ) : null}
            {section.items.length === 0 && section.content === null ? (
              <p className="text-slate-600 dark:text-slate-400">This section is empty.</p>
            ) : null}
          </div>
        </details>
        {why ? (
          <p data-testid="import-section-why" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Why: {why}
          </p>
        ) : null}
      </div>
      <ClassificationSelects
        idPrefix={`import-section-${index}`}
        name={sectionName(section.title, index)}
        value={value}
        onChange={onChange}
        disabled={disabled}
      />
    </li>
  );
}

function ItemList({ items, ordered }: { items: ParsedItem[]; ordered: boolean }) {
  const children = items.map((item, index) => (
    <li key={index}>
      <InlineMarkdown text={item.text} />
      {item.details ? <BlockMarkdown text={item.details} className="mt-1" /> : null}
      {item.children.length > 0 ? <ItemList items={item.children} ordered={ordered} /> : null}
    </li>
  ));
  return ordered ? (
    <ol className="mt-1 list-decimal space-y-1 pl-5">{children}</ol>
  ) : (
    <ul className="mt-1 list-disc space-y-1 pl-5">{children}</ul>
  );
}
