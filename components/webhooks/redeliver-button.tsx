"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { redeliverWebhookAction } from "@/app/(app)/admin/webhooks/actions";
import { callAction } from "@/components/templates/call-action";
import { buttonStyles } from "@/components/ui/styles";

export function RedeliverButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  async function redeliver() {
    setPending(true);
    const result = await callAction(() => redeliverWebhookAction({ deliveryId }));
    setPending(false);
    if (!result.ok) {
      toast.error(result.error);
      return;
    }
    toast.success("Queued: it is sent within a few seconds.");
    router.refresh();
  }

  return (
    <button
      type="button"
      disabled={pending}
      onClick={redeliver}
      className={buttonStyles.ghost}
      aria-label={`Redeliver ${deliveryId}`}
    >
      Redeliver
    </button>
  );
}
