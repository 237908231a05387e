import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { ImportForm } from "@/components/templates/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Import template" };

export default async function ImportTemplatePage() {
  const user = await requireUser();
  if (!can(user, "template:import")) forbidden();
  return (
    <>
      <PageHeader
        title="Import template"
        description="Turn a Markdown checklist into a template. Headings become sections, list items become checklist items; nothing is saved until you import."
        actions={
          <Link href="/templates" className={buttonStyles.secondary}>
            Back to templates
          </Link>
        }
      />
      <ImportForm />
    </>
  );
}
