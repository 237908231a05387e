"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { toast } from "sonner";
import { importTemplateAction, previewImportAction } from "@/app/(app)/templates/actions";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import type { ParsedTemplate } from "@/lib/templates/markdown/types";
import { callAction } from "./call-action";
import { ErrorAlert } from "@/components/ui/error-alert";
import { ImportPreview } from "./import-preview";
import type { Classification } from "./labels";

type Preview = { template: ParsedTemplate; warnings: string[] };
type Pending = "preview" | "import" | null;

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Markdown in (pasted or uploaded), a preview with corrections, then the import. */
export function ImportForm() {
  const router = useRouter();
  const [text, setText] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [classes, setClasses] = useState<Classification[]>([]);
  // An error is shown next to what caused it: the source (preview) or the import button.
  const [error, setError] = useState<{ message: string; at: "source" | "import" } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  // Bumped on every change of the source, so a late answer for an older source is ignored.
  const sourceVersion = useRef(0);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  function sourceChanged() {
    sourceVersion.current += 1;
    setPreview(null);
    setClasses([]);
    setError(null);
    setPending(null);
  }

  function onTextChange(event: ChangeEvent<HTMLTextAreaElement>) {
    setText(event.target.value);
    sourceChanged();
  }

  function onFileChange(event: ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    sourceChanged();
    if (chosen && chosen.size > MAX_TEMPLATE_BYTES) {
      event.target.value = "";
      setFile(null);
      setError({ message: "The file is larger than 1 MB.", at: "source" });
      return;
    }
    setFile(chosen);
  }

  function clearFile() {
    if (fileInput.current) fileInput.current.value = "";
    setFile(null);
    sourceChanged();
    fileInput.current?.focus();
  }

  /** The source as the actions expect it: the file when one is chosen, else the pasted text. */
  function sourceFormData(): FormData | null {
    const data = new FormData();
    if (file) data.set("file", file);
    else if (text.trim() !== "") data.set("text", text);
    else return null;
    return data;
  }

  async function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = sourceFormData();
    if (!data) {
      setError({ message: "Paste Markdown or choose a file.", at: "source" });
      return;
    }
    const version = sourceVersion.current;
    setError(null);
    setPending("preview");
    const result = await callAction(() => previewImportAction(data));
    if (version !== sourceVersion.current) return;
    setPending(null);
    if (!result.ok) {
      setPreview(null);
      setError({ message: result.error, at: "source" });
      return;
    }
    setClasses(result.data.template.sections.map(({ kind, priority, cadence }) => ({ kind, priority, cadence })));
    setPreview(result.data);
  }

  async function onImport() {
    if (!preview) return;
    const data = sourceFormData();
    if (!data) return;
    const sections = preview.template.sections;
    const missingCadence = sections.find(
      (section, index) => classes[index]?.kind === "MAINTENANCE" && !classes[index]?.cadence,
    );
    if (missingCadence) {
      setError({ message: `Maintenance section “${missingCadence.title}” needs a cadence.`, at: "import" });
      return;
    }
    const overrides = classes.flatMap((value, index) => {
      const parsed = sections[index];
      const changed =
        parsed &&
        (parsed.kind !== value.kind || parsed.priority !== value.priority || parsed.cadence !== value.cadence);
      return changed ? [{ index, ...value }] : [];
    });
    if (overrides.length > 0) data.set("overrides", JSON.stringify(overrides));
    setError(null);
    // The source cannot change while this runs (the inputs are read-only), so the answer always applies.
    setPending("import");
    const result = await callAction(() => importTemplateAction(data));
    if (!result.ok) {
      setPending(null);
      setError({ message: result.error, at: "import" });
      return;
    }
    // Stays pending while the next page loads, so the import cannot be sent twice.
    toast.success(`Imported “${preview.template.title}”`);
    router.push(`/templates/${result.data.templateId}`);
  }

  return (
    <div className="space-y-6">
      <form noValidate onSubmit={onPreview} className={`${cardStyles} space-y-4 p-6`}>
        <div>
          <label htmlFor="import-text" className="block text-sm font-medium">
            Paste Markdown
          </label>
          <textarea
            id="import-text"
            name="text"
            rows={12}
            value={text}
            onChange={onTextChange}
            readOnly={pending === "import"}
            spellCheck={false}
            aria-describedby={file ? "import-file-note" : undefined}
            placeholder={"# Production Checklist\n\n## Pre-Deployment\n\n### Critical\n\n- [ ] Backups are restorable"}
            className={`mt-1 font-mono ${inputStyles}`}
          />
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium">
            Or upload a .md file
          </label>
          <input
            ref={fileInput}
            id="import-file"
            name="file"
            type="file"
            accept=".md,.markdown,.txt,text/markdown,text/plain"
            onChange={onFileChange}
            disabled={pending === "import"}
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:border-slate-700 dark:file:bg-slate-900 dark:file:text-slate-100"
          />
          {file ? (
            <p
              id="import-file-note"
              className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400"
            >
              <span>
                Using {file.name} ({formatBytes(file.size)}){text.trim() ? "; the pasted text is ignored" : ""}.
              </span>
              <button type="button" onClick={clearFile} disabled={pending === "import"} className={buttonStyles.ghost}>
                Remove file
              </button>
            </p>
          ) : null}
        </div>
        <ErrorAlert message={error?.at === "source" ? error.message : null} />
        <div className="flex flex-wrap gap-3">
          <button
            type="submit"
            disabled={pending !== null}
            className={preview ? buttonStyles.secondary : buttonStyles.primary}
          >
            {pending === "preview" ? "Reading…" : "Preview"}
          </button>
        </div>
      </form>

      {preview ? (
        <>
          <ImportPreview
            template={preview.template}
            warnings={preview.warnings}
            classes={classes}
            onClassChange={(index, value) =>
              setClasses((current) => current.map((existing, i) => (i === index ? value : existing)))
            }
            disabled={pending !== null}
            headingRef={previewHeading}
          />
          <ErrorAlert message={error?.at === "import" ? error.message : null} />
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" onClick={onImport} disabled={pending !== null} className={buttonStyles.primary}>
              {pending === "import" ? "Importing…" : "Import template"}
            </button>
            <p className="text-sm text-slate-600 dark:text-slate-400">Creates the template as version 1.</p>
          </div>
        </>
      ) : null}
    </div>
  );
}
