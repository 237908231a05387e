import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackPath } from "@/lib/auth/callback";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const callbackPath = safeCallbackPath((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackPath);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p aria-hidden="true" className="text-4xl">🛫</p>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight">Sign in to Preflight</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Deployment readiness, with proof.</p>
        </div>
        <SignInForm callbackPath={callbackPath} />
      </div>
    </main>
  );
}
