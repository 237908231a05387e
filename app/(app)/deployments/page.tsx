import type { Metadata } from "next";
import Link from "next/link";
import { FilteredDeployments } from "@/components/deployments/filtered-deployments";
import { PageHeader } from "@/components/ui/page-header";
import { buttonStyles } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { parseDeploymentFilters } from "@/lib/deployments/parse-filters";

export const metadata: Metadata = { title: "Deployments" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeploymentsPage({ searchParams }: Props) {
  const user = await requireUser();
  return (
    <>
      <PageHeader
        title="Deployments"
        description="Every deployment, including deployed and cancelled ones, with its checklist's progress."
        actions={
          can(user, "deployment:create") ? (
            <Link href="/deployments/new" className={buttonStyles.primary}>
              New deployment
            </Link>
          ) : null
        }
      />
      <FilteredDeployments
        parsed={parseDeploymentFilters(await searchParams)}
        emptyHint={
          can(user, "deployment:create")
            ? "Create one from a template with “New deployment”."
            : "Deployments appear here once someone creates one."
        }
      />
    </>
  );
}
