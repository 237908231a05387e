import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { CreateGroupForm } from "@/components/groups/create-group-form";
import { GroupCard } from "@/components/groups/group-card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { listEligibleMembers, listGroups } from "@/lib/groups/queries";

export const metadata: Metadata = { title: "Reviewer groups" };

export default async function ReviewerGroupsPage() {
  const user = await requireUser();
  if (!can(user, "user:manage")) forbidden();
  const [groups, eligible] = await Promise.all([listGroups(user), listEligibleMembers(user)]);
  return (
    <>
      <PageHeader
        title="Reviewer groups"
        description="A template can name a group for the whole checklist and for each section; a deployment then needs an approval from a member of each group it names, each by a different person. Members are active reviewers and admins."
        actions={
          <Link href="/admin" className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300">
            Back to administration
          </Link>
        }
      />
      <div className="space-y-6">
        <CreateGroupForm />
        {groups.length === 0 ? (
          <EmptyState title="No reviewer groups yet">
            <p>
              Create one above (for example “compliance” or “security”), add its members, then choose it in a
              template&apos;s editor for the whole checklist or for a section.
            </p>
          </EmptyState>
        ) : (
          <ul aria-label="Reviewer groups" className="space-y-4">
            {groups.map((group) => (
              <li key={group.id}>
                <GroupCard group={group} eligible={eligible} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </>
  );
}
