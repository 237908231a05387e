import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { NewDeploymentForm } from "@/components/deployments/new-deployment-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { listAssignableUsers } from "@/lib/deployments/list-assignable-users";
import { listTemplateVersionsForNewDeployment } from "@/lib/templates/queries";

export const metadata: Metadata = { title: "New deployment" };

type Props = { searchParams: Promise<{ templateVersion?: string }> };

export default async function NewDeploymentPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "deployment:create")) forbidden();
  const [versions, owners] = await Promise.all([listTemplateVersionsForNewDeployment(), listAssignableUsers()]);
  const requested = (await searchParams).templateVersion;
  return (
    <>
      <PageHeader
        title="New deployment"
        description="Its checklist is an instance of the template version you choose; later versions never change it."
      />
      {versions.length === 0 ? (
        <EmptyState title="No templates yet">Import a template first.</EmptyState>
      ) : (
        <NewDeploymentForm
          versions={versions}
          owners={owners}
          defaultVersionId={versions.some((v) => v.id === requested) ? requested! : versions[0]!.id}
          currentUserId={user.id}
        />
      )}
    </>
  );
}
