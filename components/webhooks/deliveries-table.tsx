import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { RedeliverButton } from "@/components/webhooks/redeliver-button";
import { formatDateTime } from "@/lib/format";
import { eventNames } from "@/lib/webhooks/events";
import type { DeliveryRow } from "@/lib/webhooks/queries";
import { DataTable } from "@/components/ui/data-table";

const columns = [
  "Event",
  "Status",
  "Attempts",
  "Response",
  "Last error",
  "Next attempt",
  "Created",
  "Delivered",
  "Actions",
] as const;

export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  return (
    <DataTable caption="Deliveries" columns={columns} dense>
      {deliveries.map((delivery) => (
        <tr key={delivery.id} data-testid="delivery-row" data-delivery-id={delivery.id}>
          <td className="px-3 py-2">
            <code className="text-xs">{eventNames[delivery.event]}</code>
          </td>
          <td className="px-3 py-2">
            <DeliveryStatusBadge status={delivery.status} />
          </td>
          <td className="px-3 py-2">{delivery.attempts}</td>
          <td className="px-3 py-2">{delivery.responseStatus ?? "—"}</td>
          <td className="max-w-xs break-words px-3 py-2 text-xs">{delivery.lastError ?? "—"}</td>
          <td className="px-3 py-2">{delivery.status === "PENDING" ? formatDateTime(delivery.nextAttemptAt) : "—"}</td>
          <td className="px-3 py-2">{formatDateTime(delivery.createdAt)}</td>
          <td className="px-3 py-2">{formatDateTime(delivery.deliveredAt)}</td>
          <td className="px-3 py-2">
            {delivery.status === "DELIVERED" ? null : <RedeliverButton deliveryId={delivery.id} />}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
