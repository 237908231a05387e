"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { buttonStyles } from "@/components/ui/styles";

/** Starts the OpenID Connect flow: next-auth sends the browser to the provider and back. */
export function SsoSignInButton({ name, callbackPath }: { name: string; callbackPath: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      onClick={() => {
        setPending(true);
        signIn("oidc", { callbackUrl: callbackPath }).catch(() => setPending(false));
      }}
      className={`${buttonStyles.secondary} w-full`}
    >
      {pending ? "Redirecting…" : `Continue with ${name}`}
    </button>
  );
}
