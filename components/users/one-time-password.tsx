"use client";

import { ShownOnce } from "@/components/ui/shown-once";

export type IssuedPassword = { email: string; name: string; password: string; reason: "created" | "reset" };

/** The one moment a one-time password exists in readable form: it is stored only as a hash. */
export function OneTimePassword({ issued, onDone }: { issued: IssuedPassword; onDone: () => void }) {
  return (
    <ShownOnce
      id="one-time-password"
      title={issued.reason === "created" ? `Created ${issued.email}` : `New password for ${issued.email}`}
      label="One-time password"
      value={issued.password}
      onDone={onDone}
    >
      This one-time password is shown only now. Give it to {issued.name} through a safe channel; they must choose their
      own password when they sign in.
      {issued.reason === "reset"
        ? " Their sessions have ended and their API tokens are revoked: issue new tokens for what still needs them."
        : null}
    </ShownOnce>
  );
}
