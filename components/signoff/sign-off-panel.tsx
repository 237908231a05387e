"use client";

import { useState, type FormEvent } from "react";
import {
  approveDeploymentAction,
  rejectDeploymentAction,
  submitForReviewAction,
} from "@/app/(app)/deployments/actions";
import { useChecklistRefetch } from "@/components/checklist/use-checklist";
import { ReviewSummary } from "@/components/signoff/review-summary";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlProps, LabelledControl } from "@/components/ui/field";
import { formFields } from "@/components/ui/form-fields";
import { refusalMessage } from "@/components/ui/server-action";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { Checklist } from "@/lib/checklists/types";
import type { FieldErrors } from "@/lib/errors";
import { formatDate, formatDateTime, utcDay } from "@/lib/format";
import { maxReviewDays } from "@/lib/signoff/review-dates";
import { approveSchema, rejectSchema } from "@/lib/signoff/schemas";
import { canTransition } from "@/lib/deployments/lifecycle";
import { approvalConflict, describeContributions, listInWords } from "@/lib/auth/policy";

type Props = { checklist: Checklist; currentUserId: string; canSubmit: boolean; canReview: boolean };

/** Submission, the reviewer's decision, and what came of earlier reviews. */
export function SignOffPanel({ checklist, currentUserId, canSubmit, canReview }: Props) {
  const { deployment, signOff, readiness } = checklist;
  const submit = useServerAction({
    ...useChecklistRefetch(deployment.id),
    action: () => submitForReviewAction({ deploymentId: deployment.id }),
    success: "Submitted for review",
  });
  const mine = signOff.contributors.find((c) => c.user.id === currentUserId);
  const conflict = mine ? approvalConflict(mine.summary) : null;
  const alreadyApproved = signOff.approvals.some((a) => a.reviewer.id === currentUserId);

  return (
    <div className="mb-4 space-y-3">
      {signOff.invalidation ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <strong>Sign-off invalidated.</strong> {signOff.invalidation.reason}
          {signOff.invalidation.by ? ` by ${signOff.invalidation.by}` : ""}, {formatDateTime(signOff.invalidation.at)}.
          It needs a new review.
        </div>
      ) : null}
      {signOff.rejection ? (
        <div
          role="status"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          <strong>Rejected by {signOff.rejection.reviewer}</strong> ({formatDateTime(signOff.rejection.createdAt)}):{" "}
          {signOff.rejection.comment}
        </div>
      ) : null}

      {canTransition("submit", deployment.status) && canSubmit ? (
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <button
            type="button"
            className={buttonStyles.primary}
            disabled={!readiness.ready || submit.pending}
            onClick={() => void submit.run()}
          >
            Submit for review
          </button>
          {!readiness.ready ? (
            <span className="text-slate-600 dark:text-slate-400">Settle every critical item first.</span>
          ) : null}
        </div>
      ) : null}

      {canTransition("signOff", deployment.status) ? (
        <section aria-labelledby="review-heading" className={`${cardStyles} space-y-3 p-4`}>
          <h2 id="review-heading" className="text-base font-semibold">
            In review · {signOff.approvals.length} of {signOff.requiredApprovals} approval
            {signOff.requiredApprovals === 1 ? "" : "s"}
          </h2>
          {signOff.requiredGroups.length ? (
            <p data-testid="required-groups" className="text-sm text-slate-700 dark:text-slate-300">
              Needs an approval from each of: {signOff.requiredGroups.join(", ")}
              {signOff.unmetGroups.length ? ` · still missing: ${signOff.unmetGroups.join(", ")}` : " · all given"}.
            </p>
          ) : null}
          <ReviewSummary checklist={checklist} />
          <Contributors contributors={signOff.contributors} />
          {!canReview ? null : conflict ? (
            <p data-testid="approval-conflict" className="text-sm text-slate-600 dark:text-slate-400">
              {conflict}
            </p>
          ) : alreadyApproved ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              You approved this deployment; it needs another reviewer’s approval.
            </p>
          ) : (
            <ReviewForm checklist={checklist} />
          )}
        </section>
      ) : null}

      <dl
        data-testid="review-footer"
        className="flex flex-wrap gap-x-6 gap-y-1 text-sm text-slate-600 dark:text-slate-400"
      >
        <div className="flex gap-1">
          <dt className="font-semibold">Reviewed by:</dt>
          <dd>{signOff.footer.reviewedBy ?? "not yet"}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-semibold">Last updated:</dt>
          <dd>{formatDateTime(signOff.footer.lastUpdated)}</dd>
        </div>
        <div className="flex gap-1">
          <dt className="font-semibold">Next review:</dt>
          <dd>{signOff.footer.nextReview ? formatDate(signOff.footer.nextReview) : "—"}</dd>
        </div>
      </dl>
    </div>
  );
}

/** Who did the work: none of them may approve it (separation of duties). */
function Contributors({ contributors }: { contributors: Checklist["signOff"]["contributors"] }) {
  if (contributors.length === 0) return null;
  return (
    <div className="text-sm">
      <h3 className="font-semibold">Who worked on it</h3>
      <ul aria-label="Who worked on it" className="mt-1 space-y-0.5 text-slate-700 dark:text-slate-300">
        {contributors.map(({ user, summary }) => (
          <li key={user.id}>
            <span className="font-medium">{user.name}</span> {listInWords(describeContributions(summary))}
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        None of them may approve it: an approval must come from someone who did not work on it.
      </p>
    </div>
  );
}

function ReviewForm({ checklist }: { checklist: Checklist }) {
  const deploymentId = checklist.deployment.id;
  // Chosen days are UTC days, as the server reads them; it refuses today or earlier, and
  // days past twice the review interval.
  const interval = checklist.signOff.reviewIntervalDays;
  const [days] = useState(() => ({
    earliest: utcDay(1),
    suggested: utcDay(interval),
    latest: utcDay(maxReviewDays(interval)),
  }));
  const [decision, setDecision] = useState<"approve" | "reject">("approve");
  // A refusal shows at its field (or in the form's alert), not as a toast: this form has room.
  const approve = useServerAction({
    ...useChecklistRefetch(deploymentId),
    toastFailure: false,
    action: approveDeploymentAction,
    success: (r) =>
      r.signedOff
        ? "Approved: the deployment is signed off"
        : r.missingGroups.length
          ? `Approved; it still needs approval from ${r.missingGroups.join(", ")}`
          : `Approved (${r.approvals} of ${r.required})`,
  });
  const reject = useServerAction({
    ...useChecklistRefetch(deploymentId),
    toastFailure: false,
    action: rejectDeploymentAction,
    success: "Rejected: the deployment went back to the team",
  });
  const pending = approve.pending || reject.pending;
  // Only the decision last sent has a refusal: sending the other forgets it.
  const failure = approve.failure ?? reject.failure;
  const commentError = approve.fieldErrors.comment ?? reject.fieldErrors.comment;
  const nextReviewError = approve.fieldErrors.nextReviewAt;
  const general = failure && !commentError && !nextReviewError ? refusalMessage(failure) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    const comment = form.text("comment");
    if (decision === "approve") {
      reject.reset();
      const nextReviewAt = form.text("nextReviewAt") || undefined;
      const parsed = approveSchema.safeParse({ deploymentId, comment, digest: checklist.digest, nextReviewAt });
      if (parsed.success) void approve.run(parsed.data);
      else rejectAtFields(approve, parsed.error);
    } else {
      approve.reset();
      const parsed = rejectSchema.safeParse({ deploymentId, comment });
      if (parsed.success) void reject.run(parsed.data);
      else rejectAtFields(reject, parsed.error);
    }
  }

  return (
    <form noValidate onSubmit={submit} className="grid gap-3 text-sm sm:grid-cols-[1fr_12rem]">
      <div className="sm:col-span-2">
        <LabelledControl id="review-comment" label="Review comment" error={commentError}>
          <textarea
            name="comment"
            rows={2}
            {...controlProps("review-comment", commentError)}
            className={`mt-1 ${inputStyles}`}
            placeholder="Required when rejecting"
          />
        </LabelledControl>
      </div>
      <LabelledControl id="review-next-review" label="Next review" error={nextReviewError}>
        <input
          type="date"
          name="nextReviewAt"
          min={days.earliest}
          max={days.latest}
          defaultValue={days.suggested}
          {...controlProps("review-next-review", nextReviewError)}
          className={`mt-1 ${inputStyles}`}
        />
      </LabelledControl>
      <div className="flex items-end gap-2">
        <button
          type="submit"
          className={buttonStyles.primary}
          disabled={pending}
          onClick={() => setDecision("approve")}
        >
          Approve
        </button>
        <button type="submit" className={buttonStyles.danger} disabled={pending} onClick={() => setDecision("reject")}>
          Reject
        </button>
      </div>
      <div className="sm:col-span-2">
        <ErrorAlert message={general} />
      </div>
    </form>
  );
}

/** A check in the browser failed: each field shows its own message, as the server's would. */
function rejectAtFields(action: { reject: (message: string, fieldErrors: FieldErrors) => void }, error: z.ZodError) {
  const fieldErrors = fieldErrorsOf(error);
  action.reject(Object.values(fieldErrors)[0] ?? "Please correct the highlighted fields.", fieldErrors);
}
