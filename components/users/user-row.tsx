"use client";

import { useState } from "react";
import {
  changeRoleAction,
  resetPasswordAction,
  setActiveAction,
  type OneTimePasswordResult,
} from "@/app/(app)/admin/actions";
import { refusalMessage, type ActionFailure } from "@/components/ui/server-action";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import { formatDateTime } from "@/lib/format";
import { roleLabels } from "@/lib/auth/roles";
import { Role } from "@/lib/generated/prisma/enums";
import type { UserRow as User } from "@/lib/users/user-row";

type Props = {
  user: User;
  isCurrentUser: boolean;
  onPasswordReset: (reset: OneTimePasswordResult) => void;
  onError: (message: string | null) => void;
};

/** One user: role, status and password controls. An admin's own row has none of them; the
 * server refuses self-demotion and self-deactivation anyway. */
export function UserRow({ user, isCurrentUser, onPasswordReset, onError }: Props) {
  const [role, setRole] = useState<Role>(user.role);
  // The table shows one message for every row: the row reports its refusals there.
  const onFailure = (failure: ActionFailure) => onError(refusalMessage(failure));
  const applyRole = useServerAction({
    action: () => changeRoleAction({ userId: user.id, role }),
    success: (updated) => `${updated.email} is now ${roleLabels[updated.role]}; their sessions have ended.`,
    onFailure,
  });
  const toggleActive = useServerAction({
    action: () => setActiveAction({ userId: user.id, active: !user.active }),
    success: (updated) =>
      updated.active ? `Reactivated ${updated.email}.` : `Deactivated ${updated.email}; their sessions have ended.`,
    onFailure,
  });
  const reset = useServerAction({
    action: () => resetPasswordAction({ userId: user.id }),
    success: (data) =>
      `Reset the password of ${data.user.email}; their sessions have ended and their API tokens are revoked.`,
    onSuccess: onPasswordReset,
    onFailure,
  });
  const pending = applyRole.pending || toggleActive.pending || reset.pending;
  const start = (action: { run: () => Promise<unknown> }) => {
    onError(null);
    void action.run();
  };

  return (
    <tr className={user.active ? undefined : "text-slate-500 dark:text-slate-400"}>
      <td className="px-4 py-2">
        {user.name}
        {isCurrentUser ? <span className="ml-1 text-xs text-slate-600 dark:text-slate-400">(you)</span> : null}
      </td>
      <td className="px-4 py-2">{user.email}</td>
      <td className="px-4 py-2">
        {isCurrentUser ? (
          roleLabels[user.role]
        ) : (
          <div className="flex items-center gap-2">
            <select
              aria-label={`Role of ${user.email}`}
              value={role}
              disabled={pending}
              onChange={(e) => setRole(e.target.value as Role)}
              className={`${inputStyles} w-36 py-1`}
            >
              {Object.values(Role).map((value) => (
                <option key={value} value={value}>
                  {roleLabels[value]}
                </option>
              ))}
            </select>
            {role !== user.role ? (
              <button
                type="button"
                onClick={() => start(applyRole)}
                disabled={pending}
                aria-label={`Apply the new role of ${user.email}`}
                className={buttonStyles.secondary}
              >
                Apply
              </button>
            ) : null}
          </div>
        )}
      </td>
      <td className="px-4 py-2">
        {user.active ? "Active" : "Deactivated"}
        {user.mustChangePassword ? (
          <span className="block text-xs text-amber-700 dark:text-amber-300">Must change password</span>
        ) : null}
      </td>
      <td className="px-4 py-2 whitespace-nowrap">{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never"}</td>
      <td className="px-4 py-2">
        {isCurrentUser ? null : (
          <div className="flex flex-wrap gap-1">
            <button
              type="button"
              onClick={() => start(toggleActive)}
              disabled={pending}
              aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.email}`}
              className={buttonStyles.ghost}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
            <button
              type="button"
              onClick={() => start(reset)}
              disabled={pending}
              aria-label={`Reset the password of ${user.email}`}
              className={buttonStyles.ghost}
            >
              Reset password
            </button>
          </div>
        )}
      </td>
    </tr>
  );
}
