"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { importTemplateAction, previewImportAction } from "@/app/(app)/templates/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import type { ParsedTemplate } from "@/lib/templates/markdown/types";
import { ImportPreview } from "./import-preview";
import type { Classification } from "./labels";

// `why` and `untitled` are optional so the form works with a server that does not send them.
type Preview = { template: ParsedTemplate; warnings: string[]; why?: string[]; untitled?: boolean };

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
  // Asked for only when the file names no title (pasted text without "# Title").
  const [title, setTitle] = useState("");
  const fileInput = useRef<HTMLInputElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  // Two calls, so each error shows next to what caused it: the source (reading) or the
  // import button (importing).
  const reading = useServerAction({
    action: previewImportAction,
    refresh: false,
    onSuccess: (read) => {
      setClasses(read.template.sections.map(({ kind, priority, cadence }) => ({ kind, priority, cadence })));
      setPreview(read);
    },
    onFailure: () => setPreview(null),
  });
  const importing = useServerAction({
    action: importTemplateAction,
    // Stays pending while the next page loads, so the import cannot be sent twice.
    leavesPage: true,
    success: () => `Imported “${preview?.template.title || title.trim()}”`,
    onSuccess: (imported) => router.push(`/templates/${imported.templateId}`),
  });
  const pending = reading.pending || importing.pending;

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);

  /** A late answer for an older source is ignored: reset() forgets it. */
  function sourceChanged() {
    setPreview(null);
    setClasses([]);
    reading.reset();
    importing.reset();
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
      reading.reject("The file is larger than 1 MB.");
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

  function onPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = sourceFormData();
    if (data) void reading.run(data);
    else reading.reject("Paste Markdown or choose a file.");
  }

  function onImport() {
    if (!preview) return;
    const data = sourceFormData();
    if (!data) return;
    if (preview.untitled) {
      if (title.trim() === "") {
        importing.reject("Give the template a title.");
        return;
      }
      data.set("title", title.trim());
    }
    const sections = preview.template.sections;
    const missingCadence = sections.find(
      (section, index) => classes[index]?.kind === "MAINTENANCE" && !classes[index]?.cadence,
    );
    if (missingCadence) {
      importing.reject(`Maintenance section “${missingCadence.title}” needs a cadence.`);
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
    // The source cannot change while this runs (the inputs are read-only), so the answer always applies.
    void importing.run(data);
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
            readOnly={importing.pending}
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
            disabled={importing.pending}
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
              <button type="button" onClick={clearFile} disabled={importing.pending} className={buttonStyles.ghost}>
                Remove file
              </button>
            </p>
          ) : null}
        </div>
        <ErrorAlert message={reading.message} />
        <div className="flex flex-wrap gap-3">
          <button type="submit" disabled={pending} className={preview ? buttonStyles.secondary : buttonStyles.primary}>
            {reading.pending ? "Reading…" : "Preview"}
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
            disabled={pending}
            headingRef={previewHeading}
            why={preview.why}
          />
          {preview.untitled ? (
            <div className={`${cardStyles} p-4`}>
              <label htmlFor="import-title" className="block text-sm font-medium">
                Title
              </label>
              <p id="import-title-hint" className="text-sm text-slate-600 dark:text-slate-400">
                The text has no “# Title” heading and no title in front matter: name the template.
              </p>
              <input
                id="import-title"
                name="title"
                value={title}
                maxLength={200}
                required
                aria-describedby="import-title-hint"
                onChange={(event) => setTitle(event.target.value)}
                disabled={importing.pending}
                className={`mt-1 ${inputStyles}`}
              />
            </div>
          ) : null}
          <ErrorAlert message={importing.message} />
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" onClick={onImport} disabled={pending} className={buttonStyles.primary}>
              {importing.pending ? "Importing…" : "Import template"}
            </button>
            <p className="text-sm text-slate-600 dark:text-slate-400">Creates the template as version 1.</p>
          </div>
        </>
      ) : null}
    </div>
  );
}
