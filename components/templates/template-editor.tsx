"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { publishVersionAction } from "@/app/(app)/templates/actions";
import { controlProps } from "@/components/ui/field";
import { ErrorAlert } from "@/components/ui/error-alert";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { GroupChoice } from "@/lib/groups/schemas";
import { requiredApprovalsSchema } from "@/lib/templates/schemas";
import type { GateOptions } from "@/lib/templates/queries";
import { newKey, structureSchema, type StructureSection, type TemplateStructure } from "@/lib/templates/structure";
import { ApproverGroupSelect } from "./approver-group-select";
import { FocusProvider, TEMPLATE_FOCUS_KEY, useFocusTarget, useRequestFocus } from "./focus";
import { locateIssue } from "./locate-issue";
import { SectionEditor } from "./section-editor";
import { moveAt } from "./tree-ops";

type Props = {
  templateId: string;
  baseVersion: number;
  initial: TemplateStructure;
  /** The base version's; the new version gets what is set here (1–5). */
  requiredApprovals: number;
  /** The base version's gate options; the new version gets what is set here. */
  gateOptions: GateOptions;
  /** The reviewer groups a section or the whole checklist may need approval from. */
  groups: GroupChoice[];
};

/** Edits a copy of the latest version's structure and publishes it as the next version. */
export function TemplateEditor(props: Props) {
  return (
    <FocusProvider>
      <Editor {...props} />
    </FocusProvider>
  );
}

const MAX_CHANGE_NOTE = 500;

/** The publish alert: a field shown in this form carries its own message (formError is then
 * empty); a refusal about an item or section the browser let through names it in words
 * ("Section 2, item 1.3: …"), never by its path in the structure. */
function publishMessage(
  formError: string | null,
  fieldErrors: Record<string, string>,
  structure: TemplateStructure,
): string | null {
  if (formError) return formError;
  const [path, message] = Object.entries(fieldErrors)[0] ?? [];
  if (!path?.startsWith("structure.") || !message || path === "structure.reviewIntervalDays") return null;
  const steps = path
    .slice("structure.".length)
    .split(".")
    .map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  const where = locateIssue(structure, steps);
  return where.label ? `${where.label}: ${message}` : message;
}

const INTERVAL_ERROR = "The review interval must be a whole number of days from 1 to 3650.";

function Editor({
  templateId,
  baseVersion,
  initial,
  requiredApprovals: initialApprovals,
  gateOptions: initialGate,
  groups,
}: Props) {
  const [gate, setGate] = useState<GateOptions>(initialGate);
  const router = useRouter();
  const requestFocus = useRequestFocus();
  const titleRef = useFocusTarget<HTMLInputElement>(TEMPLATE_FOCUS_KEY, "title");
  const intervalRef = useFocusTarget<HTMLInputElement>(TEMPLATE_FOCUS_KEY, "interval");
  const approvalsRef = useFocusTarget<HTMLInputElement>(TEMPLATE_FOCUS_KEY, "approvals");
  const addSectionRef = useFocusTarget<HTMLButtonElement>(TEMPLATE_FOCUS_KEY, "add-section");
  const [structure, setStructure] = useState<TemplateStructure>(initial);
  // Kept as typed, so the field can be cleared while editing; checked on publish.
  const [reviewDays, setReviewDays] = useState(String(initial.reviewIntervalDays));
  const [approvals, setApprovals] = useState(String(initialApprovals));
  const [changeNote, setChangeNote] = useState("");
  const publishing = useServerAction({
    action: publishVersionAction,
    // A 409 (someone published meanwhile) must not reload the page under unsaved edits:
    // the message offers the reload instead.
    refresh: false,
    // Stays pending while the template page loads, so the version cannot be published twice.
    leavesPage: true,
    success: (published) => `Published version ${published.number}`,
    onSuccess: (published) => {
      router.push(`/templates/${templateId}?v=${published.number}`);
      router.refresh();
    },
  });
  const { sections } = structure;
  const nextVersion = baseVersion + 1;
  const intervalError = publishing.fieldErrors["structure.reviewIntervalDays"];
  const approvalsError = publishing.fieldErrors.requiredApprovals;
  const publishError = publishMessage(publishing.formError, publishing.fieldErrors, structure);

  function updateSection(key: string, change: (section: StructureSection) => StructureSection) {
    setStructure((current) => ({
      ...current,
      sections: current.sections.map((section) => (section.key === key ? change(section) : section)),
    }));
  }

  function moveSection(index: number, offset: -1 | 1) {
    const key = sections[index]?.key;
    if (!key) return;
    setStructure((current) => ({ ...current, sections: moveAt(current.sections, index, offset) }));
    // Keep focus on the button pressed, or on the other one once the section reaches an end.
    const target = index + offset;
    if (offset === -1) requestFocus({ key, target: target > 0 ? "section-up" : "section-down" });
    else requestFocus({ key, target: target < sections.length - 1 ? "section-down" : "section-up" });
  }

  function removeSection(index: number) {
    const key = sections[index]?.key;
    if (!key) return;
    const neighbour = sections[index - 1] ?? sections[index + 1];
    setStructure((current) => ({ ...current, sections: current.sections.filter((section) => section.key !== key) }));
    requestFocus(
      neighbour ? { key: neighbour.key, target: "title" } : { key: TEMPLATE_FOCUS_KEY, target: "add-section" },
    );
  }

  function addSection() {
    const section: StructureSection = {
      key: newKey("s"),
      title: "",
      kind: "PRE_DEPLOYMENT",
      priority: null,
      cadence: null,
      content: null,
      items: [],
    };
    setStructure((current) => ({ ...current, sections: [...current.sections, section] }));
    requestFocus({ key: section.key, target: "title" });
  }

  function publish(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const days = Number(reviewDays);
    if (reviewDays.trim() === "" || !Number.isInteger(days) || days < 1 || days > 3650) {
      publishing.reject(INTERVAL_ERROR, { "structure.reviewIntervalDays": INTERVAL_ERROR });
      requestFocus({ key: TEMPLATE_FOCUS_KEY, target: "interval" });
      return;
    }
    const approvalsParsed = requiredApprovalsSchema.safeParse(approvals.trim() === "" ? NaN : Number(approvals));
    if (!approvalsParsed.success) {
      const message = approvalsParsed.error.issues[0]!.message;
      publishing.reject(message, { requiredApprovals: message });
      requestFocus({ key: TEMPLATE_FOCUS_KEY, target: "approvals" });
      return;
    }
    const candidate = { ...structure, reviewIntervalDays: days };
    const parsed = structureSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = locateIssue(candidate, issue.path);
      publishing.reject(where.label ? `${where.label}: ${issue.message}` : issue.message);
      if (where.focus) requestFocus(where.focus);
      return;
    }
    const note = changeNote.trim();
    void publishing.run({
      templateId,
      baseVersion,
      structure: parsed.data,
      changeNote: note === "" ? undefined : note,
      requiredApprovals: approvalsParsed.data,
      ...gate,
    });
  }

  return (
    <div className="space-y-6">
      <div className={`${cardStyles} grid gap-4 p-4 sm:grid-cols-[minmax(0,1fr)_11rem_11rem] sm:p-5`}>
        <div>
          <label htmlFor="template-title" className="block text-sm font-medium">
            Template title
          </label>
          <input
            ref={titleRef}
            id="template-title"
            type="text"
            value={structure.title}
            maxLength={200}
            onChange={(event) => {
              const title = event.target.value;
              setStructure((current) => ({ ...current, title }));
            }}
            className={`mt-1 ${inputStyles}`}
          />
        </div>
        <div>
          <label htmlFor="template-review-interval" className="block text-sm font-medium">
            Review interval (days)
          </label>
          <input
            ref={intervalRef}
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            value={reviewDays}
            onChange={(event) => setReviewDays(event.target.value)}
            className={`mt-1 ${inputStyles}`}
            {...controlProps("template-review-interval", intervalError)}
          />
          <FieldError id="template-review-interval" message={intervalError} />
        </div>
        <div>
          <label htmlFor="template-required-approvals" className="block text-sm font-medium">
            Required approvals
          </label>
          <input
            ref={approvalsRef}
            type="number"
            inputMode="numeric"
            min={1}
            max={5}
            step={1}
            value={approvals}
            onChange={(event) => setApprovals(event.target.value)}
            className={`mt-1 ${inputStyles}`}
            {...controlProps("template-required-approvals", approvalsError)}
          />
          <FieldError id="template-required-approvals" message={approvalsError} />
        </div>
        <fieldset className="space-y-2 sm:col-span-3">
          <legend className="text-sm font-medium">Gate</legend>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-600"
              checked={gate.highBlocksGate}
              onChange={(event) => setGate((g) => ({ ...g, highBlocksGate: event.target.checked }))}
            />
            <span>
              Open high items block the gate
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                Off: a deployment with open high items can ship as “Go with risks”. On: they must be done, not
                applicable or waived, like critical items.
              </span>
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 size-4 accent-brand-600"
              checked={gate.allowCriticalWaivers}
              onChange={(event) => setGate((g) => ({ ...g, allowCriticalWaivers: event.target.checked }))}
            />
            <span>
              Critical items may be waived
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                Each such waiver then needs two reviewers who did not work on the deployment.
              </span>
            </span>
          </label>
        </fieldset>
        <div className="sm:col-span-3 sm:max-w-md">
          <ApproverGroupSelect
            id="template-approver-group"
            of="the whole checklist"
            prominent
            groups={groups}
            value={structure.approverGroup}
            onChange={(approverGroup) => setStructure((current) => ({ ...current, approverGroup }))}
            hint={
              groups.length === 0
                ? "No reviewer groups exist yet; an admin creates them under Administration → Reviewer groups."
                : "For the whole checklist: a member of this group must approve every deployment. Each group a version names needs a different approver."
            }
          />
        </div>
      </div>

      {sections.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No sections. A template needs at least one.</p>
      ) : null}
      {sections.map((section, index) => (
        <SectionEditor
          key={section.key}
          section={section}
          index={index}
          count={sections.length}
          onChange={(change) => updateSection(section.key, change)}
          onMove={(offset) => moveSection(index, offset)}
          onRemove={() => removeSection(index)}
          groups={groups}
        />
      ))}

      <button ref={addSectionRef} type="button" onClick={addSection} className={buttonStyles.secondary}>
        <span aria-hidden="true">＋</span> Add section
      </button>

      <form noValidate onSubmit={publish} className={`${cardStyles} space-y-4 p-4 sm:p-5`}>
        <div>
          <label htmlFor="template-change-note" className="block text-sm font-medium">
            Change note (optional)
          </label>
          <input
            id="template-change-note"
            type="text"
            value={changeNote}
            maxLength={MAX_CHANGE_NOTE}
            onChange={(event) => setChangeNote(event.target.value)}
            aria-describedby="template-change-note-hint"
            className={`mt-1 ${inputStyles}`}
          />
          <p id="template-change-note-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            What changed and why; shown in the version history.
          </p>
        </div>
        <ErrorAlert message={publishError}>
          {publishing.failure?.status === 409 ? (
            <button type="button" onClick={() => router.refresh()} className={`mt-2 ${buttonStyles.secondary}`}>
              Discard my changes and load the latest version
            </button>
          ) : null}
        </ErrorAlert>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={publishing.pending} className={buttonStyles.primary}>
            {publishing.pending ? "Publishing…" : `Publish version ${nextVersion}`}
          </button>
          <Link href={`/templates/${templateId}`} className={buttonStyles.ghost}>
            Cancel
          </Link>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Version {baseVersion} and deployments pinned to it stay as they are.
          </p>
        </div>
      </form>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-red-700 dark:text-red-400">
      {message}
    </p>
  ) : null;
}
