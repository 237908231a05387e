import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { RedeliverButton } from "@/components/webhooks/redeliver-button";
import { cardStyles } from "@/components/ui/styles";
import { formatDateTime } from "@/lib/format";
import { eventNames } from "@/lib/webhooks/events";
import type { DeliveryRow } from "@/lib/webhooks/queries";

const columns = ["Event", "Status", "Attempts", "Response", "Last error", "Next attempt", "Created", "Delivered", "Actions"] as const;

export function DeliveriesTable({ deliveries }: { deliveries: DeliveryRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className={`${cardStyles} w-full overflow-hidden text-left text-sm`}>
        <caption className="sr-only">Deliveries</caption>
        <thead className="bg-slate-100 dark:bg-slate-800">
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
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
              <td className="px-3 py-2">{delivery.status === "DELIVERED" ? null : <RedeliverButton deliveryId={delivery.id} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
