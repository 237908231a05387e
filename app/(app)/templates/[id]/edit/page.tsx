import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { TemplateEditor } from "@/components/templates/template-editor";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { listGroupChoices } from "@/lib/groups/queries";
import { getTemplateDetail } from "@/lib/templates/queries";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  if (!can(user, "template:edit")) forbidden();
  const [detail, groups] = await Promise.all([getTemplateDetail(id), listGroupChoices()]);
  if (!detail) notFound();
  return (
    <>
      <PageHeader
        title={`Edit ${detail.name}`}
        description={`Editing version ${detail.version.number}. Publishing creates version ${detail.version.number + 1}; deployments keep the version they started with.`}
      />
      {/* Keyed by version: after a conflict, a refresh loads the latest version into a fresh editor. */}
      <TemplateEditor
        key={detail.version.number}
        templateId={detail.id}
        baseVersion={detail.version.number}
        initial={detail.version.structure}
        requiredApprovals={detail.requiredApprovals}
        gateOptions={detail.gateOptions}
        groups={groups}
      />
    </>
  );
}
