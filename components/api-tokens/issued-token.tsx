"use client";

import { toast } from "sonner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

/** The one moment a token's secret exists in readable form: only its hash is stored. */
export function IssuedToken({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast.success("Copied the token.");
    } catch {
      toast.error("Could not copy. Select the token and copy it yourself.");
    }
  }

  return (
    <section
      aria-labelledby="issued-token-heading"
      className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 id="issued-token-heading" className="font-semibold">
        Token “{name}” created
      </h2>
      <p className="mt-1 text-sm">
        <strong>Copy it now: it is shown only this once</strong> and cannot be recovered. Store it as a secret in your CI (never in the repository); anyone holding it acts as you within its
        scopes.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="issued-token" className="block text-sm font-medium">
            API token
          </label>
          <input id="issued-token" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} className={`mt-1 font-mono ${inputStyles}`} />
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
