"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { formFields } from "@/components/ui/form-fields";
import { UNREACHABLE } from "@/components/ui/server-action";
import { useHydrated } from "@/components/ui/use-hydrated";
import { signInSchema } from "@/lib/auth/schemas";
import { limitMessage, parseLimitErrorCode } from "@/lib/auth/sign-in-limit";

type FieldErrors = Partial<Record<"email" | "password", string>>;

/** `initialMessage`: why the last sign-in failed, when the page was reached with ?error=… */
export function SignInForm({ callbackPath, initialMessage = "" }: { callbackPath: string; initialMessage?: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState(initialMessage);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = formFields(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.text("email"), password: form.text("password") });
    if (!parsed.success) {
      const fieldErrors: FieldErrors = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path[0] as keyof FieldErrors] ??= issue.message;
      setErrors(fieldErrors);
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setErrors({});
    setMessage("");
    setPending(true);
    // A lost connection rejects: say so, rather than leave the form pending.
    const result = await signIn("credentials", { ...parsed.data, redirect: false }).catch(() => "unreachable" as const);
    setPending(false);
    if (result === "unreachable") {
      setMessage(UNREACHABLE.error);
      return;
    }
    if (result?.status === 429) {
      // Too many failed attempts (for the account, or from this address): say how long to wait.
      const limit = parseLimitErrorCode(result.error);
      setMessage(limit ? limitMessage(limit) : "Too many failed attempts; try again in a minute.");
      return;
    }
    if (!result || result.error) {
      // One message for every failure: it must not reveal whether the email exists.
      setMessage("Email or password is incorrect.");
      return;
    }
    router.replace(callbackPath);
    router.refresh();
  }

  return (
    <form
      noValidate
      method="post"
      onSubmit={(event) => void submit(event)}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <Field label="Email" name="email" type="email" autoComplete="username" required error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password}
      />
      <p aria-live="polite" role="status" className="min-h-5 text-sm text-red-700 dark:text-red-400">
        {message}
      </p>
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
