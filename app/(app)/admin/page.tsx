import type { Metadata } from "next";
import { UserAdmin } from "@/components/admin/user-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requireUser();
  if (!can(user, "user:manage")) return <Forbidden what="administration" />;
  const users = await listUsers(db, user);
  return (
    <>
      <PageHeader title="Administration" description="Users and roles. New users and password resets get a one-time password that must be changed at first sign-in." />
      <UserAdmin users={users} currentUserId={user.id} />
    </>
  );
}
