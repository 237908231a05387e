"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { requirePermission } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { importTemplate, previewTemplateImport, type ImportPreview } from "@/lib/templates/import-template";
import { MAX_TEMPLATE_BYTES } from "@/lib/templates/markdown/decode";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import { importOverridesSchema } from "@/lib/templates/schemas";
import { structureSchema } from "@/lib/templates/structure";

// The Markdown arrives as text (pasted) or as a file's bytes (uploaded), never both.
const sourceSchema = z
  .object({
    text: z
      .string()
      .max(MAX_TEMPLATE_BYTES * 2, "The text is larger than 1 MB.")
      .optional(),
    file: z.instanceof(Uint8Array).optional(),
    overrides: importOverridesSchema.default([]),
  })
  .refine((input) => input.text !== undefined || input.file !== undefined, {
    message: "Paste Markdown or choose a file.",
  });

/** The form's fields; anything that is not a form (a crafted call) has none, and the
 * schema then says what is missing. */
async function readSource(formData: FormData) {
  if (!(formData instanceof FormData)) return { text: undefined, file: undefined, overrides: [] };
  const file = formData.get("file");
  const text = formData.get("text");
  const overrides = formData.get("overrides");
  return {
    // An uploaded file counts even when empty: the importer then says "The file is empty."
    file:
      file instanceof File && (file.size > 0 || file.name !== "")
        ? new Uint8Array(await file.arrayBuffer())
        : undefined,
    text: typeof text === "string" && text.trim() !== "" ? text : undefined,
    overrides: typeof overrides === "string" && overrides ? safeJson(overrides) : [],
  };
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return "not JSON";
  }
}

/** Parses the Markdown and shows what would be imported; stores nothing. */
export async function previewImportAction(formData: FormData): Promise<ActionResult<ImportPreview>> {
  const user = await getCurrentUser();
  return runAction(sourceSchema, await readSource(formData), async (input) => {
    requirePermission(user, "template:import");
    if (input.file && input.file.byteLength > MAX_TEMPLATE_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 1 MB.");
    return previewTemplateImport(input.file ?? input.text!, input.overrides);
  });
}

export async function importTemplateAction(formData: FormData): Promise<ActionResult<{ templateId: string }>> {
  const user = await getCurrentUser();
  return runAction(sourceSchema, await readSource(formData), async (input) => {
    if (input.file && input.file.byteLength > MAX_TEMPLATE_BYTES)
      throw new AppError("PAYLOAD_TOO_LARGE", "The file is larger than 1 MB.");
    const imported = await importTemplate(db, user, { source: input.file ?? input.text!, overrides: input.overrides });
    revalidatePath("/templates");
    return { templateId: imported.templateId };
  });
}

const publishSchema = z.object({
  templateId: z.string().min(1).max(64),
  baseVersion: z.number().int().min(1),
  structure: structureSchema,
  changeNote: z.string().trim().max(500, "A change note is limited to 500 characters.").optional(),
});

export async function publishVersionAction(
  input: z.input<typeof publishSchema>,
): Promise<ActionResult<{ number: number }>> {
  const user = await getCurrentUser();
  return runAction(publishSchema, input, async (data) => {
    const published = await publishTemplateVersion(user, data);
    revalidatePath(`/templates/${data.templateId}`);
    revalidatePath("/templates");
    return { number: published.number };
  });
}
