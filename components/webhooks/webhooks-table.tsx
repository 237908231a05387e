import Link from "next/link";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { formatDateTime } from "@/lib/format";
import { eventLabels } from "@/lib/webhooks/events";
import type { WebhookListRow } from "@/lib/webhooks/queries";
import { DataTable } from "@/components/ui/data-table";

const columns = ["URL", "Events", "Status", "Last delivery"] as const;

export function WebhooksTable({ webhooks }: { webhooks: WebhookListRow[] }) {
  return (
    <DataTable caption="Webhooks" columns={columns}>
      {webhooks.map((webhook) => (
        <tr key={webhook.id} data-testid="webhook-row">
          <td className="max-w-md px-4 py-2">
            <Link
              href={`/admin/webhooks/${webhook.id}`}
              className="break-all font-mono text-brand-700 underline hover:no-underline dark:text-brand-300"
            >
              {webhook.url}
            </Link>
            {webhook.description ? (
              <p className="text-xs text-slate-600 dark:text-slate-400">{webhook.description}</p>
            ) : null}
          </td>
          <td className="px-4 py-2">{webhook.events.map((event) => eventLabels[event]).join(", ")}</td>
          <td className="px-4 py-2">{webhook.active ? "Active" : "Inactive"}</td>
          <td className="px-4 py-2">
            {webhook.lastDelivery ? (
              <span className="flex flex-wrap items-center gap-2">
                <DeliveryStatusBadge status={webhook.lastDelivery.status} />
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  {formatDateTime(webhook.lastDelivery.createdAt)}
                </span>
              </span>
            ) : (
              "None yet"
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
