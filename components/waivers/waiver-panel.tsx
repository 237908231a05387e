"use client";

import { useState, type FormEvent } from "react";
import { decideWaiverAction, requestWaiverAction, revokeWaiverAction } from "@/app/(app)/waivers/actions";
import { useChecklistRefetch } from "@/components/checklist/use-checklist";
import { ExternalLink } from "@/components/ui/external-link";
import { controlProps, LabelledControl } from "@/components/ui/field";
import { formFields } from "@/components/ui/form-fields";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { ChecklistItem } from "@/lib/checklists/types";
import { formatDate, formatDateTime, utcDay } from "@/lib/format";
import type { Priority } from "@/lib/generated/prisma/enums";
import {
  DEFAULT_WAIVER_DAYS,
  maxWaiverDays,
  waiverPhase,
  waiverPhaseLabels,
  type WaiverView,
} from "@/lib/waivers/rules";
import { requestWaiverSchema } from "@/lib/waivers/schemas";

/** What the item's section and the viewer allow about waivers. */
export type WaiverContext = {
  deploymentId: string;
  currentUserId: string;
  /** May ask for one (item:update, the section still editable). */
  canRequest: boolean;
  /** May decide on one (deployment:review); the server still refuses who worked on it. */
  canReview: boolean;
  /** Why this person may not approve the deployment's waivers (they worked on it); null when they may. */
  conflict: string | null;
  priority: Priority | null;
  allowCriticalWaivers: boolean;
  reviewIntervalDays: number;
};

/** The item's waiver: where it stands, its approvals, the reviewer's decision, revoking; or the request form. */
export function WaiverPanel({ item, context }: { item: ChecklistItem; context: WaiverContext }) {
  const waiver = item.waiver;
  const open = (item.state?.status ?? "OPEN") === "OPEN";
  const phase = waiver ? waiverPhase(waiver) : null;
  const standing = phase === "pending" || phase === "active";
  const criticalRefused = context.priority === "CRITICAL" && !context.allowCriticalWaivers;
  return (
    <section aria-label={`Waiver of ${item.text}`} className="sm:col-span-2">
      <h3 className="font-medium">Waiver</h3>
      {waiver && phase ? <WaiverFacts waiver={waiver} /> : null}
      {waiver && standing ? <WaiverActions waiver={waiver} context={context} /> : null}
      {!standing && open && context.canRequest ? (
        criticalRefused ? (
          <p className="text-slate-600 dark:text-slate-400">This template does not allow waivers of critical items.</p>
        ) : (
          <RequestForm item={item} context={context} />
        )
      ) : null}
      {!waiver && !(open && context.canRequest) ? (
        <p className="text-slate-600 dark:text-slate-400">No waiver.</p>
      ) : null}
    </section>
  );
}

function WaiverFacts({ waiver }: { waiver: WaiverView }) {
  const phase = waiverPhase(waiver);
  const control = /^https?:\/\//i.test(waiver.control) ? (
    <ExternalLink href={waiver.control}>{waiver.control}</ExternalLink>
  ) : (
    waiver.control
  );
  return (
    <dl className="mt-1 grid gap-x-4 gap-y-1 text-slate-700 sm:grid-cols-[auto_1fr] dark:text-slate-300">
      <dt className="font-semibold">Status</dt>
      <dd data-waiver-status={phase}>
        {waiverPhaseLabels[phase]}
        {phase === "pending"
          ? ` (${waiver.approvals.length} of ${waiver.requiredApprovals} approval${waiver.requiredApprovals === 1 ? "" : "s"})`
          : ""}
      </dd>
      <dt className="font-semibold">Reason</dt>
      <dd className="break-words whitespace-pre-wrap">{waiver.reason}</dd>
      <dt className="font-semibold">Control</dt>
      <dd className="break-words">{control}</dd>
      <dt className="font-semibold">{phase === "expired" ? "Expired" : "Expires"}</dt>
      <dd>{formatDate(waiver.expiresAt)}</dd>
      <dt className="font-semibold">Asked by</dt>
      <dd>
        {waiver.requestedBy.name}, {formatDateTime(waiver.requestedAt)}
      </dd>
      {waiver.approvals.map((approval) => (
        <div key={approval.reviewer.id} className="contents">
          <dt className="font-semibold">Approved by</dt>
          <dd>
            {approval.reviewer.name}, {formatDateTime(approval.createdAt)}
            {approval.comment ? `: ${approval.comment}` : ""}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function WaiverActions({ waiver, context }: { waiver: WaiverView; context: WaiverContext }) {
  const refetch = useChecklistRefetch(context.deploymentId);
  const [comment, setComment] = useState("");
  const decide = useServerAction({
    ...refetch,
    action: decideWaiverAction,
    success: (result) =>
      result.status === "APPROVED"
        ? "Waiver approved: the item is settled until it expires"
        : result.status === "REJECTED"
          ? "Waiver rejected"
          : `Approval recorded: ${result.approvals} of ${result.required}`,
  });
  const revoke = useServerAction({ ...refetch, action: revokeWaiverAction, success: "Waiver revoked" });
  const pending = waiver.status === "PENDING";
  const mayDecide =
    pending &&
    context.canReview &&
    context.conflict === null &&
    waiver.requestedBy.id !== context.currentUserId &&
    !waiver.approvals.some((a) => a.reviewer.id === context.currentUserId);
  const mayRevoke = context.canRequest || context.canReview;
  const commentId = `waiver-comment-${waiver.id}`;
  if (!mayDecide && !mayRevoke) return null;
  return (
    <div className="mt-2 space-y-2">
      {pending && context.canReview && context.conflict ? (
        <p className="text-slate-600 dark:text-slate-400">{context.conflict}</p>
      ) : null}
      {mayDecide || mayRevoke ? (
        <LabelledControl
          id={commentId}
          label={mayDecide ? "Comment (required to reject or revoke)" : "Reason to revoke"}
        >
          <input
            {...controlProps(commentId)}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            className={`mt-1 ${inputStyles}`}
          />
        </LabelledControl>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {mayDecide ? (
          <>
            <button
              type="button"
              className={buttonStyles.secondary}
              disabled={decide.pending}
              onClick={() => void decide.run({ waiverId: waiver.id, decision: "approve", comment })}
            >
              Approve waiver
            </button>
            <button
              type="button"
              className={buttonStyles.ghost}
              disabled={decide.pending}
              onClick={() => void decide.run({ waiverId: waiver.id, decision: "reject", comment })}
            >
              Reject waiver
            </button>
          </>
        ) : null}
        {mayRevoke ? (
          <button
            type="button"
            className={buttonStyles.ghost}
            disabled={revoke.pending}
            onClick={() => void revoke.run({ waiverId: waiver.id, reason: comment })}
          >
            Revoke waiver
          </button>
        ) : null}
      </div>
    </div>
  );
}

function RequestForm({ item, context }: { item: ChecklistItem; context: WaiverContext }) {
  const refetch = useChecklistRefetch(context.deploymentId);
  const request = useServerAction({
    ...refetch,
    toastFailure: false,
    action: requestWaiverAction,
    success: (result) =>
      `Waiver requested: it needs ${result.requiredApprovals} reviewer approval${result.requiredApprovals === 1 ? "" : "s"}`,
  });
  const [days] = useState(() => ({
    earliest: utcDay(1),
    suggested: utcDay(Math.min(DEFAULT_WAIVER_DAYS, maxWaiverDays(context.reviewIntervalDays))),
    latest: utcDay(maxWaiverDays(context.reviewIntervalDays)),
  }));
  const ids = {
    reason: `waiver-reason-${item.id}`,
    control: `waiver-control-${item.id}`,
    expires: `waiver-expires-${item.id}`,
  };
  const shown = request.fieldErrors;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    event.stopPropagation();
    const form = formFields(event.currentTarget);
    const input = {
      deploymentId: context.deploymentId,
      itemId: item.id,
      reason: form.text("reason"),
      control: form.text("control"),
      expiresOn: form.text("expiresOn") || undefined,
    };
    const parsed = requestWaiverSchema.safeParse(input);
    if (!parsed.success) {
      request.reject("Please correct the highlighted fields.", fieldErrorsOf(parsed.error));
      return;
    }
    void request.run(parsed.data);
  }

  return (
    <div className="mt-1 space-y-2">
      <p className="text-slate-600 dark:text-slate-400">
        Accept the risk of leaving this item open, for a while, with a control in its place.{" "}
        {context.priority === "CRITICAL"
          ? "A critical item's waiver needs two reviewers."
          : "A reviewer must approve it."}
      </p>
      <form
        noValidate
        onSubmit={submit}
        aria-label={`Request a waiver of ${item.text}`}
        className="grid gap-2 sm:grid-cols-2"
      >
        <LabelledControl id={ids.reason} label="Reason the risk is accepted" error={shown.reason}>
          <textarea
            name="reason"
            rows={2}
            {...controlProps(ids.reason, shown.reason)}
            className={`mt-1 ${inputStyles}`}
          />
        </LabelledControl>
        <LabelledControl id={ids.control} label="Compensating control or ticket link" error={shown.control}>
          <textarea
            name="control"
            rows={2}
            {...controlProps(ids.control, shown.control)}
            className={`mt-1 ${inputStyles}`}
          />
        </LabelledControl>
        <LabelledControl id={ids.expires} label="Waived until" error={shown.expiresOn}>
          <input
            type="date"
            name="expiresOn"
            min={days.earliest}
            max={days.latest}
            defaultValue={days.suggested}
            {...controlProps(ids.expires, shown.expiresOn)}
            className={`mt-1 ${inputStyles}`}
          />
        </LabelledControl>
        <div className="flex items-end">
          <button type="submit" className={buttonStyles.secondary} disabled={request.pending}>
            Request waiver
          </button>
        </div>
        {request.formError ? (
          <p role="alert" className="text-red-700 sm:col-span-2 dark:text-red-400">
            {request.formError}
          </p>
        ) : null}
      </form>
    </div>
  );
}
