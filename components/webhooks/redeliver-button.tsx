"use client";

import { redeliverWebhookAction } from "@/app/(app)/admin/webhooks/actions";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const { run, pending } = useServerAction({
    action: () => redeliverWebhookAction({ deliveryId }),
    success: "Queued: it is sent within a few seconds.",
    toastFailure: true,
  });

  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => void run()}
      className={buttonStyles.ghost}
      aria-label={`Redeliver ${deliveryId}`}
    >
      Redeliver
    </button>
  );
}
