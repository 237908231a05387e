"use client";

import { useState, type ReactNode } from "react";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { SecretReveal } from "@/components/webhooks/secret-reveal";
import type { WebhookWithSecret } from "@/lib/webhooks/manage";

/** The registration form and, right after a registration, its secret; the list follows as children. */
export function WebhookAdmin({ children }: { children: ReactNode }) {
  const [created, setCreated] = useState<WebhookWithSecret | null>(null);
  return (
    <div className="space-y-6">
      <CreateWebhookForm onCreated={setCreated} />
      {created ? (
        <SecretReveal
          url={created.webhook.url}
          secret={created.secret}
          reason="created"
          onDone={() => setCreated(null)}
        />
      ) : null}
      {children}
    </div>
  );
}
