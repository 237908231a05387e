"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { getCurrentUser } from "@/lib/auth/session";
import { importTemplate, previewTemplateImport, type ImportPreview } from "@/lib/templates/import-template";
import { markTemplateReviewed } from "@/lib/templates/mark-template-reviewed";
import { publishTemplateVersion } from "@/lib/templates/publish-version";
import type {
  importSourceSchema,
  markTemplateReviewedSchema,
  publishVersionSchema,
  SectionOverride,
  setTemplatePeopleSchema,
} from "@/lib/templates/schemas";
import { setTemplatePeople } from "@/lib/templates/set-template-people";

/** The form's fields as the import's input (importSourceSchema); anything that is not a
 * form (a crafted call) has none, and the domain's schema then says what is missing. */
async function readSource(formData: FormData): Promise<z.input<typeof importSourceSchema>> {
  if (!(formData instanceof FormData)) return { text: undefined, file: undefined, overrides: [] };
  const file = formData.get("file");
  const text = formData.get("text");
  const overrides = formData.get("overrides");
  const title = formData.get("title");
  // A file that names no title of its own is named after the file; a typed title wins.
  const fileTitle = file instanceof File ? file.name.replace(/\.(md|markdown|txt)$/i, "") : "";
  const chosen = typeof title === "string" && title.trim() !== "" ? title : fileTitle;
  return {
    // An uploaded file counts even when empty: the importer then says "The file is empty."
    file:
      file instanceof File && (file.size > 0 || file.name !== "")
        ? new Uint8Array(await file.arrayBuffer())
        : undefined,
    text: typeof text === "string" && text.trim() !== "" ? text : undefined,
    // Typed as what it should be; the domain's schema checks what it is.
    overrides: typeof overrides === "string" && overrides ? (safeJson(overrides) as SectionOverride[]) : [],
    ...(chosen ? { title: chosen } : {}),
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
  const source = await readSource(formData);
  return runAction(() => previewTemplateImport(user, source));
}

export async function importTemplateAction(formData: FormData): Promise<ActionResult<{ templateId: string }>> {
  const user = await getCurrentUser();
  const source = await readSource(formData);
  return runAction(async () => {
    const imported = await importTemplate(user, source);
    revalidatePath("/templates");
    return { templateId: imported.templateId };
  });
}

export async function publishVersionAction(
  input: z.input<typeof publishVersionSchema>,
): Promise<ActionResult<{ number: number }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const published = await publishTemplateVersion(user, input);
    revalidatePath(`/templates/${published.templateId}`);
    revalidatePath("/templates");
    return { number: published.number };
  });
}

export async function setTemplatePeopleAction(
  input: z.input<typeof setTemplatePeopleSchema>,
): Promise<ActionResult<null>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    await setTemplatePeople(user, input);
    revalidatePath(`/templates/${input.templateId}`);
    revalidatePath("/templates");
    return null;
  });
}

export async function markTemplateReviewedAction(
  input: z.input<typeof markTemplateReviewedSchema>,
): Promise<ActionResult<{ nextReviewAt: string }>> {
  const user = await getCurrentUser();
  return runAction(async () => {
    const review = await markTemplateReviewed(user, input);
    revalidatePath(`/templates/${input.templateId}`);
    revalidatePath("/templates");
    // The overview counts overdue template reviews.
    revalidatePath("/");
    return { nextReviewAt: review.nextReviewAt.toISOString() };
  });
}
