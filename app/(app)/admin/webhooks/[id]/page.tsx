import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { SignatureHelp } from "@/components/webhooks/signature-help";
import { WebhookSettings } from "@/components/webhooks/webhook-settings";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";
import { getWebhook, listDeliveries } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhook" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function WebhookPage({ params, searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, "settings:manage")) forbidden();
  const { id } = await params;
  const webhook = await getWebhook(user, id);
  if (!webhook) notFound();
  const requested = Number((await searchParams).page);
  const deliveries = await listDeliveries(user, webhook.id, Number.isFinite(requested) ? requested : 1);
  return (
    <>
      <PageHeader
        title={webhook.url}
        description={webhook.description ?? "Deliveries are listed newest first; failed ones are retried with backoff."}
        actions={
          <Link
            href="/admin/webhooks"
            className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300"
          >
            All webhooks
          </Link>
        }
      />
      <div className="space-y-6">
        <WebhookSettings key={`${webhook.events.join()}:${webhook.active}:${webhook.description}`} webhook={webhook} />
        <section aria-labelledby="deliveries-heading" className="space-y-3">
          <h2 id="deliveries-heading" className="text-lg font-semibold">
            Deliveries ({deliveries.total})
          </h2>
          {deliveries.total === 0 ? (
            <EmptyState title="No deliveries yet">
              <SignatureHelp />
            </EmptyState>
          ) : (
            <>
              <DeliveriesTable deliveries={deliveries.rows} />
              <Pagination page={deliveries.page} pageCount={deliveries.pageCount} params={{}} />
            </>
          )}
        </section>
      </div>
    </>
  );
}
