"use client";

import { ShownOnce } from "@/components/ui/shown-once";

/** The one moment a token's secret exists in readable form: only its hash is stored. */
export function IssuedToken({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  return (
    <ShownOnce
      id="issued-token"
      title={`Token “${name}” created`}
      label="API token"
      value={secret}
      tone="amber"
      onDone={onDone}
    >
      <strong>Copy it now: it is shown only this once</strong> and cannot be recovered. Store it as a secret in your CI
      (never in the repository); anyone holding it acts as you within its scopes.
    </ShownOnce>
  );
}
