"use client";

import { useState } from "react";
import { toast } from "sonner";
import {
  changeRoleAction,
  resetPasswordAction,
  setActiveAction,
  type OneTimePasswordResult,
} from "@/app/(app)/admin/actions";
import { callAction } from "@/components/templates/call-action";
import { buttonStyles, inputStyles } from "@/components/ui/styles";
import type { ActionResult } from "@/lib/actions/result";
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
  const [pending, setPending] = useState(false);

  async function run<T>(action: () => Promise<ActionResult<T>>, success: (data: T) => void) {
    setPending(true);
    onError(null);
    const result = await callAction(action);
    setPending(false);
    if (!result.ok) {
      onError(result.error);
      return;
    }
    success(result.data);
  }

  const applyRole = () =>
    run(
      () => changeRoleAction({ userId: user.id, role }),
      (updated) => toast.success(`${updated.email} is now ${roleLabels[updated.role]}.`),
    );
  const toggleActive = () =>
    run(
      () => setActiveAction({ userId: user.id, active: !user.active }),
      (updated) =>
        toast.success(
          updated.active ? `Reactivated ${updated.email}.` : `Deactivated ${updated.email}; their sessions have ended.`,
        ),
    );
  const reset = () =>
    run(
      () => resetPasswordAction({ userId: user.id }),
      (data) => {
        toast.success(`Reset the password of ${data.user.email}.`);
        onPasswordReset(data);
      },
    );

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
                onClick={applyRole}
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
              onClick={toggleActive}
              disabled={pending}
              aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.email}`}
              className={buttonStyles.ghost}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
            <button
              type="button"
              onClick={reset}
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
