import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChecklistView } from "@/components/checklist/checklist-view";
import { MoveToLatestButton } from "@/components/deployments/move-to-latest-button";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { getDeploymentHeading } from "@/lib/deployments/get-deployment-record";
import { listAssignableUsers } from "@/lib/deployments/list-assignable-users";
import { formatDate } from "@/lib/format";
import { isFinal } from "@/lib/deployments/lifecycle";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ item?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const deployment = await getDeploymentHeading((await params).id);
  return { title: deployment ? `${deployment.service} ${deployment.version}` : "Deployment" };
}

export default async function DeploymentPage({ params, searchParams }: Props) {
  const user = await requireUser();
  const { id } = await params;
  // `?item=<key>` (My work links this way): that item is focused, scrolled to and opened.
  const { item } = await searchParams;
  const initialItemKey = typeof item === "string" ? item : null;
  const [checklist, assignees] = await Promise.all([getChecklist(id), listAssignableUsers()]);
  if (!checklist) notFound();
  const { deployment, template } = checklist;
  const closed = isFinal(deployment.status);

  return (
    <>
      <PageHeader
        title={`${deployment.service} ${deployment.version}`}
        description={`${deployment.environment} · owner ${deployment.owner.name} · target ${formatDate(deployment.targetDate)} · ${template.name} v${template.versionNumber}`}
        actions={
          <Link href={`/deployments/${deployment.id}/record`} className={buttonStyles.secondary}>
            Printable record
          </Link>
        }
      />
      <div className="mb-4 empty:hidden">
        <MoveToLatestButton
          deploymentId={deployment.id}
          currentVersion={template.versionNumber}
          latestVersion={template.latestVersionNumber}
          canMove={!closed && can(user, "deployment:edit")}
        />
      </div>
      {/* Keyed by the item the link names: a link to another item of this page starts afresh. */}
      <ChecklistView
        key={initialItemKey ?? ""}
        initial={checklist}
        currentUserId={user.id}
        canUpdate={can(user, "item:update")}
        canAssign={can(user, "item:assign")}
        canSubmit={can(user, "deployment:submit")}
        canReview={can(user, "deployment:review")}
        assignees={assignees}
        initialItemKey={initialItemKey}
        lifecycle={{
          canEdit: can(user, "deployment:edit"),
          canDeploy: can(user, "deployment:deploy"),
          canWithdraw: can(user, "deployment:submit"),
          canDelete: can(user, "deployment:edit") && (user.role === "ADMIN" || deployment.owner.id === user.id),
          canCreate: can(user, "deployment:create"),
          people: assignees,
        }}
      />
    </>
  );
}
