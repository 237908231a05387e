"use client";

import { addGroupMemberAction } from "@/app/(app)/admin/groups/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { SelectField } from "@/components/ui/select-field";
import { buttonStyles } from "@/components/ui/styles";
import { useServerForm } from "@/components/ui/use-server-form";
import type { GroupListRow, PersonChoice } from "@/lib/groups/queries";
import { groupMemberSchema } from "@/lib/groups/schemas";

/** A select of the active reviewers and admins who are not members yet. */
export function AddMemberForm({ group, eligible }: { group: GroupListRow; eligible: PersonChoice[] }) {
  const memberIds = new Set(group.members.map((m) => m.id));
  const candidates = eligible.filter((person) => !memberIds.has(person.id));
  const selectId = `group-${group.id}-add-member`;
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: groupMemberSchema,
    read: (fields) => ({ groupId: group.id, userId: fields.text("userId") }),
    action: addGroupMemberAction,
    resetOnSuccess: true,
    success: (added) =>
      added.changed ? `Added ${added.user.name} to ${added.group.slug}.` : `${added.user.name} was already a member.`,
  });

  if (candidates.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {eligible.length === 0
          ? "No active reviewers or admins to add: give someone the Reviewer role first."
          : "Every active reviewer and admin is a member."}
      </p>
    );
  }
  return (
    <form noValidate onSubmit={onSubmit} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 sm:max-w-sm">
          <SelectField
            id={selectId}
            label={`Add a member to ${group.slug}`}
            name="userId"
            defaultValue=""
            error={fieldErrors.userId}
            options={[
              { value: "", label: "Choose a reviewer or admin…" },
              ...candidates.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` })),
            ]}
          />
        </div>
        <button type="submit" disabled={pending} className={buttonStyles.secondary}>
          {pending ? "Adding…" : "Add"}
        </button>
      </div>
      <div aria-live="polite">
        <ErrorAlert message={formError} />
      </div>
    </form>
  );
}
