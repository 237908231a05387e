"use client";

import { ShownOnce } from "@/components/ui/shown-once";

/** The one moment a webhook secret is readable: afterwards it exists only encrypted. */
export function SecretReveal({
  url,
  secret,
  reason,
  onDone,
}: {
  url: string;
  secret: string;
  reason: "created" | "rotated";
  onDone: () => void;
}) {
  return (
    <ShownOnce
      id="webhook-secret"
      title={reason === "created" ? "Webhook registered" : "New signing secret"}
      label="Signing secret"
      value={secret}
      onDone={onDone}
    >
      Deliveries to <span className="break-all font-mono">{url}</span> are signed with this secret. It is shown only
      now: store it with the receiver, which uses it to verify the <code>X-Preflight-Signature</code> header.
      {reason === "rotated" ? " The old secret no longer signs anything." : ""}
    </ShownOnce>
  );
}
