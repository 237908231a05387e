"use client";

import { setTemplatePeopleAction } from "@/app/(app)/templates/actions";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { setTemplatePeopleSchema } from "@/lib/templates/schemas";

type Person = { id: string; name: string };
type Props = {
  templateId: string;
  ownerId: string | null;
  reviewerId: string | null;
  owners: Person[];
  reviewers: Person[];
};

const nobody = { value: "", label: "Nobody" };

/** Chooses who owns the template and who reviews it. */
export function TemplatePeopleForm({ templateId, ownerId, reviewerId, owners, reviewers }: Props) {
  const { fieldErrors, error, pending, onSubmit } = useServerForm({
    schema: setTemplatePeopleSchema,
    // An empty choice clears the role.
    read: (fields) => ({
      templateId,
      ownerId: fields.text("ownerId") || null,
      reviewerId: fields.text("reviewerId") || null,
    }),
    action: setTemplatePeopleAction,
    invalidMessage: "first",
    success: "Saved the template's owner and reviewer",
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Owner and reviewer" className="space-y-3">
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={ownerId ?? ""}
        error={fieldErrors.ownerId}
        options={[nobody, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
      />
      <SelectField
        label="Reviewer"
        name="reviewerId"
        defaultValue={reviewerId ?? ""}
        error={fieldErrors.reviewerId}
        options={[nobody, ...reviewers.map((r) => ({ value: r.id, label: r.name }))]}
      />
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {Object.keys(fieldErrors).length ? null : error}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.secondary}>
        {pending ? "Saving…" : "Save owner and reviewer"}
      </button>
    </form>
  );
}
