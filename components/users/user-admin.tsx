"use client";

import { useState } from "react";
import type { OneTimePasswordResult } from "@/app/(app)/admin/actions";
import { CreateUserForm } from "@/components/users/create-user-form";
import { OneTimePassword, type IssuedPassword } from "@/components/users/one-time-password";
import { UserRow } from "@/components/users/user-row";
import { ErrorAlert } from "@/components/ui/error-alert";
import type { UserRow as User } from "@/lib/users/user-row";
import { DataTable } from "@/components/ui/data-table";

const columns = ["Name", "Email", "Role", "Status", "Last sign-in", "Actions"] as const;

export function UserAdmin({ users, currentUserId }: { users: User[]; currentUserId: string }) {
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show =
    (reason: IssuedPassword["reason"]) =>
    ({ user, oneTimePassword }: OneTimePasswordResult) =>
      setIssued({ email: user.email, name: user.name, password: oneTimePassword, reason });

  return (
    <div className="space-y-6">
      <CreateUserForm onCreated={show("created")} />
      {issued ? <OneTimePassword issued={issued} onDone={() => setIssued(null)} /> : null}
      <ErrorAlert message={error} />
      <DataTable caption="Users" columns={columns}>
        {users.map((user) => (
          // Keyed on what the server says, so a row's unsaved role choice resets after each change.
          <UserRow
            key={`${user.id}:${user.role}:${user.active}`}
            user={user}
            isCurrentUser={user.id === currentUserId}
            onPasswordReset={show("reset")}
            onError={setError}
          />
        ))}
      </DataTable>
    </div>
  );
}
