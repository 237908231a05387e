"use client";

import { markTemplateReviewedAction } from "@/app/(app)/templates/actions";
import { Field } from "@/components/ui/field";
import { buttonStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import { formatDate } from "@/lib/format";
import { markTemplateReviewedSchema } from "@/lib/templates/schemas";

type Props = {
  templateId: string;
  intervalDays: number;
  /** YYYY-MM-DD, from the server's clock: the earliest next review (tomorrow). */
  earliest: string;
  /** YYYY-MM-DD: today plus the interval, the suggested next review. */
  suggested: string;
  /** YYYY-MM-DD: the latest next review allowed (twice the interval). */
  latest: string;
};

/** Records a review now; the next review is after the template's interval unless changed. */
export function MarkReviewedForm({ templateId, intervalDays, earliest, suggested, latest }: Props) {
  const { fieldErrors, error, pending, onSubmit } = useServerForm({
    schema: markTemplateReviewedSchema,
    read: (fields) => ({ templateId, nextReviewAt: fields.text("nextReviewAt") }),
    action: markTemplateReviewedAction,
    invalidMessage: "first",
    success: (review) => `Marked reviewed; next review ${formatDate(review.nextReviewAt)}`,
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-label="Mark reviewed" className="space-y-3">
      <Field
        label="Next review"
        name="nextReviewAt"
        type="date"
        min={earliest}
        max={latest}
        defaultValue={suggested}
        error={fieldErrors.nextReviewAt}
      />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Suggested: in {intervalDays} days, the template&apos;s review interval (also used when left empty). Tomorrow at
        the earliest, {formatDate(latest)} at the latest.
      </p>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {Object.keys(fieldErrors).length ? null : error}
      </p>
      <button type="submit" disabled={pending} className={buttonStyles.secondary}>
        {pending ? "Saving…" : "Mark reviewed"}
      </button>
    </form>
  );
}
