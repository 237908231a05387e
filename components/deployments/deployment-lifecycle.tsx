"use client";
// A deployment's release facts and the moves the state machine allows from where it stands:
// edit, mark deployed, withdraw, cancel, reopen, delete a draft, start the next release.
// Which buttons show is asked of lib/deployments/lifecycle.ts and the role's permissions;
// the server checks both again.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent, type ReactNode } from "react";
import {
  cancelDeploymentAction,
  createNextReleaseAction,
  deleteDraftAction,
  deployDeploymentAction,
  editDeploymentAction,
  reopenDeploymentAction,
  withdrawFromReviewAction,
} from "@/app/(app)/deployments/actions";
import { checklistKey } from "@/components/checklist/use-checklist";
import { ErrorAlert } from "@/components/ui/error-alert";
import { ExternalLink } from "@/components/ui/external-link";
import { Field, LabelledControl, controlProps } from "@/components/ui/field";
import { formFields } from "@/components/ui/form-fields";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { Checklist } from "@/lib/checklists/types";
import { canTransition } from "@/lib/deployments/lifecycle";
import { formatDate, formatDateTime } from "@/lib/format";

export type LifecyclePermissions = {
  canEdit: boolean;
  canDeploy: boolean;
  canWithdraw: boolean;
  /** The owner or an admin, and the role may edit. */
  canDelete: boolean;
  canCreate: boolean;
  people: { id: string; name: string }[];
};

type Props = LifecyclePermissions & { checklist: Checklist };
type Panel = "edit" | "deploy" | "cancel" | "delete" | "next" | null;

export function DeploymentLifecycle({
  checklist,
  canEdit,
  canDeploy,
  canWithdraw,
  canDelete,
  canCreate,
  people,
}: Props) {
  const { deployment, signOff } = checklist;
  const status = deployment.status;
  const [panel, setPanel] = useState<Panel>(null);
  const refetch = useRefetch(deployment.id, () => setPanel(null));
  const id = deployment.id;

  const withdraw = useServerAction({
    ...refetch,
    toastFailure: true,
    action: () => withdrawFromReviewAction({ deploymentId: id }),
    success: "Withdrawn from review: the approvals given so far no longer count",
  });
  const reopen = useServerAction({
    ...refetch,
    toastFailure: true,
    action: () => reopenDeploymentAction({ deploymentId: id }),
    success: "Reopened: earlier approvals no longer count",
  });

  const offers = {
    edit: canEdit && canTransition("cancel", status),
    deploy: canDeploy && canTransition("deploy", status),
    withdraw: canWithdraw && canTransition("withdraw", status),
    cancel: canEdit && canTransition("cancel", status),
    reopen: canEdit && canTransition("reopen", status),
    delete: canDelete && canTransition("delete", status),
    next: canCreate && status === "DEPLOYED",
  };
  const toggle = (next: Panel) => setPanel((current) => (current === next ? null : next));

  return (
    <section aria-labelledby="release-heading" className={`${cardStyles} mb-4 space-y-3 p-4 text-sm`}>
      <h2 id="release-heading" className="text-base font-semibold">
        Release
      </h2>
      {status === "CANCELLED" ? (
        <p
          role="status"
          className="rounded-md border border-slate-300 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950"
        >
          <strong>Cancelled</strong>
          {deployment.cancelledAt ? ` on ${formatDateTime(deployment.cancelledAt)}` : ""}: {deployment.cancelReason}
        </p>
      ) : null}
      {status === "DEPLOYED" ? (
        <p
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 dark:border-emerald-800 dark:bg-emerald-950"
        >
          <strong>Deployed</strong>
          {deployment.deployedAt ? ` on ${formatDateTime(deployment.deployedAt)}` : ""}. Post-deployment verification
          stays open to tick; it does not touch the sign-off.
        </p>
      ) : null}
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <Fact label="Release reference">
          {deployment.releaseRef ? <code className="break-all">{deployment.releaseRef}</code> : "—"}
        </Fact>
        <Fact label="Pipeline run">
          {deployment.pipelineRunUrl ? (
            <ExternalLink href={deployment.pipelineRunUrl}>{deployment.pipelineRunUrl}</ExternalLink>
          ) : (
            "—"
          )}
        </Fact>
        <Fact label="Approvals required">
          <span data-testid="required-approvals">{signOff.requiredApprovals}</span> (set by template version{" "}
          {checklist.template.versionNumber})
        </Fact>
        {deployment.description ? <Fact label="Description">{deployment.description}</Fact> : null}
      </dl>

      {Object.values(offers).some(Boolean) ? (
        <div className="flex flex-wrap gap-2" role="group" aria-label="Deployment actions">
          {offers.edit ? (
            <PanelButton open={panel === "edit"} onClick={() => toggle("edit")}>
              Edit details
            </PanelButton>
          ) : null}
          {offers.deploy ? (
            <PanelButton open={panel === "deploy"} onClick={() => toggle("deploy")} primary>
              Mark deployed
            </PanelButton>
          ) : null}
          {offers.withdraw ? (
            <button
              type="button"
              className={buttonStyles.secondary}
              disabled={withdraw.pending}
              onClick={() => void withdraw.run()}
            >
              Withdraw from review
            </button>
          ) : null}
          {offers.reopen ? (
            <button
              type="button"
              className={buttonStyles.secondary}
              disabled={reopen.pending}
              onClick={() => void reopen.run()}
            >
              Reopen
            </button>
          ) : null}
          {offers.next ? (
            <PanelButton open={panel === "next"} onClick={() => toggle("next")}>
              New release from this one
            </PanelButton>
          ) : null}
          {offers.cancel ? (
            <PanelButton open={panel === "cancel"} onClick={() => toggle("cancel")}>
              Cancel deployment…
            </PanelButton>
          ) : null}
          {offers.delete ? (
            <PanelButton open={panel === "delete"} onClick={() => toggle("delete")}>
              Delete draft…
            </PanelButton>
          ) : null}
        </div>
      ) : null}

      {panel === "edit" && offers.edit ? (
        <EditForm checklist={checklist} people={people} refetch={refetch} onClose={() => setPanel(null)} />
      ) : null}
      {panel === "deploy" && offers.deploy ? (
        <DeployForm checklist={checklist} refetch={refetch} onClose={() => setPanel(null)} />
      ) : null}
      {panel === "cancel" && offers.cancel ? (
        <CancelForm deploymentId={id} refetch={refetch} onClose={() => setPanel(null)} />
      ) : null}
      {panel === "delete" && offers.delete ? <DeleteDraft deploymentId={id} onClose={() => setPanel(null)} /> : null}
      {panel === "next" && offers.next ? (
        <NextReleaseForm checklist={checklist} onClose={() => setPanel(null)} />
      ) : null}
    </section>
  );
}

type Refetch = ReturnType<typeof useRefetch>;

/** After any answer: the checklist query (status, banners) and the server-rendered header. */
function useRefetch(deploymentId: string, onDone: () => void) {
  const queryClient = useQueryClient();
  return {
    onSuccess: onDone,
    onSettled: () => queryClient.invalidateQueries({ queryKey: checklistKey(deploymentId) }),
  };
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-slate-600 dark:text-slate-400">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function PanelButton({
  open,
  onClick,
  primary = false,
  children,
}: {
  open: boolean;
  onClick: () => void;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      className={primary ? buttonStyles.primary : buttonStyles.secondary}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function FormButtons({
  pending,
  submit,
  onClose,
  danger = false,
}: {
  pending: boolean;
  submit: string;
  onClose: () => void;
  danger?: boolean;
}) {
  return (
    <div className="flex flex-wrap gap-2">
      <button type="submit" className={danger ? buttonStyles.danger : buttonStyles.primary} disabled={pending}>
        {submit}
      </button>
      <button type="button" className={buttonStyles.secondary} onClick={onClose}>
        Keep as it is
      </button>
    </div>
  );
}

function EditForm({
  checklist,
  people,
  refetch,
  onClose,
}: {
  checklist: Checklist;
  people: { id: string; name: string }[];
  refetch: Refetch;
  onClose: () => void;
}) {
  const { deployment } = checklist;
  const edit = useServerAction({
    ...refetch,
    action: editDeploymentAction,
    success: (result) => (result.invalidated ? "Saved. The sign-off no longer counts: the release changed" : "Saved"),
  });
  const inReview = deployment.status === "READY_FOR_REVIEW" || deployment.status === "SIGNED_OFF";
  const owners = people.some((p) => p.id === deployment.owner.id) ? people : [deployment.owner, ...people];

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    void edit.run({
      deploymentId: deployment.id,
      version: form.text("version"),
      ownerId: form.text("ownerId"),
      targetDate: form.text("targetDate"),
      releaseRef: form.text("releaseRef"),
      pipelineRunUrl: form.text("pipelineRunUrl"),
      description: form.text("description"),
    });
  }

  const errors = edit.fieldErrors;
  return (
    <form
      onSubmit={submit}
      className="grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-2 dark:border-slate-800"
      aria-label="Edit deployment details"
    >
      {inReview ? (
        <p className="text-amber-800 sm:col-span-2 dark:text-amber-200">
          Changing the owner, version or release reference withdraws the approvals given so far. Target date,
          description and pipeline link do not.
        </p>
      ) : null}
      <Field
        label="Version"
        name="version"
        defaultValue={deployment.version}
        required
        maxLength={100}
        error={errors.version}
      />
      <SelectField
        label="Owner"
        name="ownerId"
        defaultValue={deployment.owner.id}
        options={owners.map((p) => ({ value: p.id, label: p.name }))}
        error={errors.ownerId}
      />
      <Field
        label="Target date"
        name="targetDate"
        type="date"
        defaultValue={deployment.targetDate ?? ""}
        error={errors.targetDate}
      />
      <Field
        label="Release reference (commit SHA or tag)"
        name="releaseRef"
        defaultValue={deployment.releaseRef ?? ""}
        maxLength={200}
        className={`mt-1 font-mono ${inputStyles}`}
        error={errors.releaseRef}
      />
      <div className="sm:col-span-2">
        <Field
          label="Pipeline run link"
          name="pipelineRunUrl"
          type="url"
          placeholder="https://ci.example.com/runs/123"
          defaultValue={deployment.pipelineRunUrl ?? ""}
          error={errors.pipelineRunUrl}
        />
      </div>
      <div className="sm:col-span-2">
        <LabelledControl id="description" label="Description" error={errors.description}>
          <textarea
            name="description"
            rows={2}
            maxLength={2000}
            defaultValue={deployment.description ?? ""}
            {...controlProps("description", errors.description)}
            className={`mt-1 ${inputStyles}`}
          />
        </LabelledControl>
      </div>
      <div className="sm:col-span-2">
        <ErrorAlert message={Object.keys(errors).length ? null : edit.error} />
        <FormButtons pending={edit.pending} submit="Save details" onClose={onClose} />
      </div>
    </form>
  );
}

function DeployForm({ checklist, refetch, onClose }: { checklist: Checklist; refetch: Refetch; onClose: () => void }) {
  const { deployment } = checklist;
  const deploy = useServerAction({
    ...refetch,
    action: deployDeploymentAction,
    success: "Marked deployed",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const link = formFields(event.currentTarget).text("pipelineRunUrl");
    void deploy.run({ deploymentId: deployment.id, ...(link ? { pipelineRunUrl: link } : {}) });
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800"
      aria-label="Mark deployed"
    >
      <p>
        Mark {deployment.service} {deployment.version} as deployed to {deployment.environment}? Preflight asks the gate
        first; the pre-deployment checklist is final afterwards.
      </p>
      <Field
        label="Pipeline run link (optional)"
        name="pipelineRunUrl"
        type="url"
        defaultValue={deployment.pipelineRunUrl ?? ""}
        error={deploy.fieldErrors.pipelineRunUrl}
      />
      <GateRefusal failure={deploy.failure} message={deploy.formError} />
      <FormButtons pending={deploy.pending} submit="Mark deployed" onClose={onClose} />
    </form>
  );
}

/** A refused go-live lists the gate's own reasons; `message` is the refusal unless the link's
 * field shows it. */
function GateRefusal({
  failure,
  message,
}: {
  failure: { details?: Record<string, unknown> } | null;
  message: string | null;
}) {
  if (!failure) return null;
  const reasons = Array.isArray(failure.details?.reasons)
    ? (failure.details.reasons as { code: string; message: string }[])
    : [];
  return (
    <ErrorAlert message={message}>
      {reasons.length ? (
        <ul className="mt-1 list-disc pl-5">
          {reasons.map((reason) => (
            <li key={reason.code}>{reason.message}</li>
          ))}
        </ul>
      ) : null}
    </ErrorAlert>
  );
}

function CancelForm({
  deploymentId,
  refetch,
  onClose,
}: {
  deploymentId: string;
  refetch: Refetch;
  onClose: () => void;
}) {
  const cancel = useServerAction({
    ...refetch,
    action: cancelDeploymentAction,
    success: "Cancelled. Reopen it to pick the work up again",
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = formFields(event.currentTarget).text("reason").trim();
    if (!reason)
      return cancel.reject("Say why the deployment is cancelled.", { reason: "Say why the deployment is cancelled." });
    void cancel.run({ deploymentId, reason });
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-3 border-t border-slate-200 pt-3 dark:border-slate-800"
      aria-label="Cancel deployment"
    >
      <LabelledControl id="cancel-reason" label="Why is it cancelled?" error={cancel.fieldErrors.reason}>
        <textarea
          name="reason"
          rows={2}
          maxLength={2000}
          aria-required
          {...controlProps("cancel-reason", cancel.fieldErrors.reason)}
          className={`mt-1 ${inputStyles}`}
        />
      </LabelledControl>
      <ErrorAlert message={cancel.fieldErrors.reason ? null : cancel.error} />
      <FormButtons pending={cancel.pending} submit="Cancel deployment" onClose={onClose} danger />
    </form>
  );
}

function DeleteDraft({ deploymentId, onClose }: { deploymentId: string; onClose: () => void }) {
  const router = useRouter();
  const remove = useServerAction({
    action: () => deleteDraftAction({ deploymentId }),
    success: "Draft deleted",
    leavesPage: true,
    onSuccess: () => router.push("/deployments"),
  });
  return (
    <div
      role="group"
      aria-label="Confirm deleting the draft"
      className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-800"
    >
      <p>Delete this draft for good? Nothing was ticked yet; the audit log keeps a record of it.</p>
      <ErrorAlert message={remove.error} />
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonStyles.danger}
          disabled={remove.pending}
          onClick={() => void remove.run()}
        >
          Delete draft
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>
          Keep it
        </button>
      </div>
    </div>
  );
}

function NextReleaseForm({ checklist, onClose }: { checklist: Checklist; onClose: () => void }) {
  const router = useRouter();
  const { deployment, template } = checklist;
  const next = useServerAction({
    action: createNextReleaseAction,
    success: "Next release created",
    leavesPage: true,
    onSuccess: (created) => router.push(`/deployments/${created.id}`),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    const targetDate = form.text("targetDate");
    void next.run({
      deploymentId: deployment.id,
      version: form.text("version"),
      ...(targetDate ? { targetDate } : {}),
    });
  }

  return (
    <form
      onSubmit={submit}
      className="grid gap-3 border-t border-slate-200 pt-3 sm:grid-cols-2 dark:border-slate-800"
      aria-label="New release from this one"
    >
      <p className="sm:col-span-2">
        The next release of {deployment.service} to {deployment.environment}, on the latest version of {template.name}{" "}
        (v{template.latestVersionNumber}), every item open. Deployed {formatDate(deployment.deployedAt)}.
      </p>
      <Field
        label="Version"
        name="version"
        required
        maxLength={100}
        placeholder={`after ${deployment.version}`}
        error={next.fieldErrors.version}
      />
      <Field label="Target date (optional)" name="targetDate" type="date" error={next.fieldErrors.targetDate} />
      <div className="sm:col-span-2">
        <ErrorAlert message={Object.keys(next.fieldErrors).length ? null : next.error} />
        <FormButtons pending={next.pending} submit="Create the next release" onClose={onClose} />
      </div>
    </form>
  );
}
