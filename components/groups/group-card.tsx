"use client";

import { useState, type FormEvent } from "react";
import { deleteGroupAction, removeGroupMemberAction, renameGroupAction } from "@/app/(app)/admin/groups/actions";
import { AddMemberForm } from "@/components/groups/add-member-form";
import { ErrorAlert } from "@/components/ui/error-alert";
import { controlProps, LabelledControl } from "@/components/ui/field";
import { buttonStyles, cardStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { useServerForm } from "@/components/ui/use-server-form";
import { roleLabels } from "@/lib/auth/roles";
import type { GroupListRow, GroupMemberRow, PersonChoice } from "@/lib/groups/queries";
import { renameGroupSchema } from "@/lib/groups/schemas";

type Props = { group: GroupListRow; eligible: PersonChoice[] };

const versions = (n: number) => (n === 1 ? "1 template version" : `${n} template versions`);

/** One group: its name, members and the controls that change them; deleting after a confirmation. */
export function GroupCard({ group, eligible }: Props) {
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const headingId = `group-${group.id}-heading`;
  const rename = useServerForm({
    schema: renameGroupSchema,
    read: (fields) => ({ groupId: group.id, name: fields.text("name") }),
    action: renameGroupAction,
    success: (renamed) =>
      renamed.name === group.name ? `${renamed.slug} keeps its name.` : `Renamed ${renamed.slug} to “${renamed.name}”.`,
  });
  const remove = useServerAction({
    action: () => deleteGroupAction({ groupId: group.id }),
    success: `Deleted the group ${group.slug}.`,
    onFailure: () => setConfirmingDelete(false),
  });
  const message = rename.formError ?? remove.error;
  function onRename(event: FormEvent<HTMLFormElement>) {
    remove.reset();
    rename.onSubmit(event);
  }
  const inUse = group.versionCount > 0;
  const usageId = `group-${group.id}-usage`;
  const nameId = `group-${group.id}-name`;

  return (
    <section aria-labelledby={headingId} className={`${cardStyles} space-y-4 p-4`} data-testid="group-card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          {group.name}{" "}
          <span className="font-mono text-sm font-normal text-slate-600 dark:text-slate-400">{group.slug}</span>
        </h2>
        <p id={usageId} className="text-xs text-slate-600 dark:text-slate-400">
          {inUse ? `Needed by ${versions(group.versionCount)}` : "No template version needs it yet"}
        </p>
      </div>

      <form noValidate onSubmit={onRename} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <LabelledControl id={nameId} label={`Name of ${group.slug}`} error={rename.fieldErrors.name}>
            <input
              name="name"
              autoComplete="off"
              maxLength={80}
              defaultValue={group.name}
              {...controlProps(nameId, rename.fieldErrors.name)}
              className={`mt-1 ${inputStyles}`}
            />
          </LabelledControl>
        </div>
        <button
          type="submit"
          disabled={rename.pending || remove.pending}
          aria-label={`Rename the group ${group.slug}`}
          className={buttonStyles.secondary}
        >
          Rename
        </button>
      </form>

      <div>
        <h3 className="text-sm font-medium">Members</h3>
        {group.members.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            None yet: nobody can give this group&apos;s approval.
          </p>
        ) : (
          <ul className="mt-1 divide-y divide-slate-200 text-sm dark:divide-slate-800">
            {group.members.map((member) => (
              <MemberRow key={member.id} groupId={group.id} slug={group.slug} member={member} />
            ))}
          </ul>
        )}
      </div>

      <AddMemberForm group={group} eligible={eligible} />

      <div aria-live="polite">
        <ErrorAlert message={message} />
      </div>

      {confirmingDelete ? (
        <div
          role="alertdialog"
          aria-labelledby={`${headingId}-delete`}
          aria-describedby={`${headingId}-delete-text`}
          className="rounded-xl border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          <h3 id={`${headingId}-delete`} className="font-semibold">
            Delete the group {group.slug}?
          </h3>
          <p id={`${headingId}-delete-text`} className="mt-1 text-sm">
            Its {group.members.length === 1 ? "membership goes" : `${group.members.length} memberships go`} with it.
            Templates can no longer choose it.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={remove.pending}
              onClick={() => {
                rename.reset();
                void remove.run();
              }}
              className={buttonStyles.danger}
              autoFocus
            >
              {remove.pending ? "Deleting…" : "Delete group"}
            </button>
            <button type="button" onClick={() => setConfirmingDelete(false)} className={buttonStyles.ghost}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            disabled={inUse || remove.pending}
            onClick={() => setConfirmingDelete(true)}
            aria-label={`Delete the group ${group.slug}…`}
            aria-describedby={inUse ? `${usageId}-why` : undefined}
            className={buttonStyles.secondary}
          >
            Delete…
          </button>
          {inUse ? (
            <p id={`${usageId}-why`} className="text-xs text-slate-600 dark:text-slate-400">
              Template versions never change, so a group one of them needs cannot be deleted; rename it instead.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}

function MemberRow({ groupId, slug, member }: { groupId: string; slug: string; member: GroupMemberRow }) {
  const remove = useServerAction({
    action: () => removeGroupMemberAction({ groupId, userId: member.id }),
    success: `Removed ${member.name} from ${slug}.`,
    toastFailure: true,
  });
  // Kept when demoted or deactivated, but their approval then counts for nothing: say so.
  const lapsed = !member.active
    ? "deactivated: cannot approve"
    : member.role !== "REVIEWER" && member.role !== "ADMIN"
      ? `${roleLabels[member.role]}: cannot approve`
      : null;
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2">
      <span className="min-w-0 break-words">
        {member.name} <span className="text-slate-600 dark:text-slate-400">{member.email}</span>
        {lapsed ? (
          <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            {lapsed}
          </span>
        ) : null}
      </span>
      <button
        type="button"
        disabled={remove.pending}
        onClick={() => void remove.run()}
        aria-label={`Remove ${member.name} from ${slug}`}
        className={buttonStyles.ghost}
      >
        Remove
      </button>
    </li>
  );
}
