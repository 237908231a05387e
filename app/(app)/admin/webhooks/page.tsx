import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SignatureHelp } from "@/components/webhooks/signature-help";
import { WebhookAdmin } from "@/components/webhooks/webhook-admin";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { listWebhooks } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await requireUser();
  if (!can(user, "settings:manage")) forbidden();
  const webhooks = await listWebhooks(user);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Preflight POSTs signed JSON to these URLs when a deployment is signed off or rejected, a sign-off is invalidated, a maintenance list becomes overdue, or a review comes due."
        actions={
          <Link href="/admin" className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300">
            Back to administration
          </Link>
        }
      />
      <WebhookAdmin>
        {webhooks.length === 0 ? (
          <EmptyState title="No webhooks yet">
            <p className="mb-3">
              Register a URL above to tell chat, ticketing or deployment tools about sign-offs, rejections and overdue
              maintenance as they happen.
            </p>
            <SignatureHelp />
          </EmptyState>
        ) : (
          <WebhooksTable webhooks={webhooks} />
        )}
      </WebhookAdmin>
    </>
  );
}
