import type { WebhookDeliveryStatus } from "@/lib/generated/prisma/enums";

const styles: Record<WebhookDeliveryStatus, string> = {
  PENDING: "bg-amber-100 text-amber-900 ring-amber-600/30 dark:bg-amber-950 dark:text-amber-200",
  DELIVERED: "bg-emerald-100 text-emerald-800 ring-emerald-600/30 dark:bg-emerald-950 dark:text-emerald-200",
  FAILED: "bg-red-100 text-red-800 ring-red-600/30 dark:bg-red-950 dark:text-red-200",
};

export const deliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  PENDING: "Pending",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <span
      data-testid="delivery-status"
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${styles[status]}`}
    >
      {deliveryStatusLabels[status]}
    </span>
  );
}
