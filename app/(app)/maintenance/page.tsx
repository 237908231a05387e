import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Maintenance" };

export default async function MaintenancePage() {
  await requireUser();
  return (
    <>
      <PageHeader title="Maintenance" description="Weekly, monthly and quarterly task lists, and review reminders." />
      <EmptyState title="No maintenance schedules yet">Schedules created from a template’s maintenance sections appear here, this period first.</EmptyState>
    </>
  );
}
