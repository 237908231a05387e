import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Deployments" description="One checklist per deployment, pinned to a template version." />
      <EmptyState title="No deployments yet">Deployments you create from a template appear here with their progress and gate.</EmptyState>
    </>
  );
}
