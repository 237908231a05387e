"use client";

import { toast } from "sonner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** The one moment a webhook secret is readable: afterwards it exists only encrypted. */
export function SecretReveal({ url, secret, reason, onDone }: { url: string; secret: string; reason: "created" | "rotated"; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast.success("Copied the signing secret.");
    } catch {
      toast.error("Could not copy. Select the secret and copy it yourself.");
    }
  }

  return (
    <section aria-labelledby="webhook-secret-heading" className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
      <h2 id="webhook-secret-heading" className="font-semibold">
        {reason === "created" ? "Webhook registered" : "New signing secret"}
      </h2>
      <p className="mt-1 text-sm">
        Deliveries to <span className="break-all font-mono">{url}</span> are signed with this secret. It is shown only now: store it with the receiver, which uses it to verify
        the <code>X-Preflight-Signature</code> header.{reason === "rotated" ? " The old secret no longer signs anything." : ""}
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="webhook-secret" className="block text-sm font-medium">
            Signing secret
          </label>
          <input id="webhook-secret" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className={`mt-1 font-mono ${inputStyles}`} />
        </div>
        <button type="button" onClick={copy} className={buttonStyles.secondary}>
          Copy
        </button>
        <button type="button" onClick={onDone} className={buttonStyles.ghost}>
          Done
        </button>
      </div>
    </section>
  );
}
