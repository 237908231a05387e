import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { UserAdmin } from "@/components/users/user-admin";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  const user = await requireUser();
  if (!can(user, "user:manage")) forbidden();
  const users = await listUsers(user);
  return (
    <>
      <PageHeader
        title="Administration"
        description="Users and roles. New users and password resets get a one-time password that must be changed at first sign-in."
      />
      <p className="mb-6 text-sm">
        <Link href="/admin/groups" className="text-brand-700 underline hover:no-underline dark:text-brand-300">
          Reviewer groups
        </Link>
        : who must approve what a template names (compliance, security, …), each group by one of its members.
      </p>
      <p className="mb-6 text-sm">
        <Link href="/admin/webhooks" className="text-brand-700 underline hover:no-underline dark:text-brand-300">
          Webhooks
        </Link>
        : signed notifications to other tools when deployments are signed off or rejected.
      </p>
      <p className="mb-6 text-sm">
        <Link href="/admin/jobs" className="text-brand-700 underline hover:no-underline dark:text-brand-300">
          Background jobs
        </Link>
        : queues, schedules and failed jobs (webhook delivery, maintenance tick, review reminders, audit retention).
      </p>
      <p className="mb-6 text-sm">
        <Link href="/admin/tokens" className="text-brand-700 underline hover:no-underline dark:text-brand-300">
          API tokens
        </Link>
        : for pipelines and scripts that use the{" "}
        <Link href="/api-docs" className="text-brand-700 underline hover:no-underline dark:text-brand-300">
          REST API
        </Link>
        , e.g. the deployment gate.
      </p>
      <UserAdmin users={users} currentUserId={user.id} />
    </>
  );
}
