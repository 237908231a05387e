"use client";

import { toast } from "sonner";
import { buttonStyles, inputStyles } from "@/components/ui/styles";

export type IssuedPassword = { email: string; name: string; password: string; reason: "created" | "reset" };

/** The one moment a one-time password exists in readable form: it is stored only as a hash. */
export function OneTimePassword({ issued, onDone }: { issued: IssuedPassword; onDone: () => void }) {
  async function copy() {
    try {
      await navigator.clipboard.writeText(issued.password);
      toast.success("Copied the one-time password.");
    } catch {
      toast.error("Could not copy. Select the password and copy it yourself.");
    }
  }

  return (
    <section
      aria-labelledby="one-time-password-heading"
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-4 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
    >
      <h2 id="one-time-password-heading" className="font-semibold">
        {issued.reason === "created" ? `Created ${issued.email}` : `New password for ${issued.email}`}
      </h2>
      <p className="mt-1 text-sm">
        This one-time password is shown only now. Give it to {issued.name} through a safe channel; they must choose their own password when they sign in.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-2">
        <div className="min-w-64 flex-1">
          <label htmlFor="one-time-password" className="block text-sm font-medium">
            One-time password
          </label>
          <input id="one-time-password" readOnly value={issued.password} onFocus={(e) => e.currentTarget.select()} className={`mt-1 font-mono ${inputStyles}`} />
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
