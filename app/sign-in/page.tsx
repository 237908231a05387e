import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignInButton } from "@/components/auth/sso-sign-in-button";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback";
import { oidcSettings } from "@/lib/auth/oidc-provider";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

// next-auth's error codes (AccessDenied, OAuthCallback, …) say nothing a person can act on,
// and a refused account must not be told apart from a failed exchange.
const SIGN_IN_FAILED = "Sign-in did not succeed. Try again, or ask an admin whether your account is active.";

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  const sso = oidcSettings(env());
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p aria-hidden="true" className="text-4xl">
            🛫
          </p>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight">Sign in to Preflight</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Deployment readiness, with proof.</p>
        </div>
        <SignInForm callbackPath={callbackPath} initialMessage={params.error ? SIGN_IN_FAILED : ""} />
        {sso && (
          <div className="mt-4 space-y-4">
            <p className="flex items-center gap-3 text-xs text-slate-500 uppercase dark:text-slate-400">
              <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
              or
              <span aria-hidden="true" className="h-px flex-1 bg-slate-200 dark:bg-slate-800" />
            </p>
            <SsoSignInButton name={sso.name} callbackPath={callbackPath} />
          </div>
        )}
      </div>
    </main>
  );
}
