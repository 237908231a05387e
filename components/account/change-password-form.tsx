"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/account/password/actions";
import { callAction } from "@/components/templates/call-action";
import { ErrorAlert } from "@/components/templates/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";

type Props = { email: string; currentLabel: string };

export function ChangePasswordForm({ email, currentLabel }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = changePasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    const result = await callAction(() => changePasswordAction(parsed.data));
    if (!result.ok) {
      setPending(false);
      setErrors(result.fieldErrors ?? (result.details?.fieldErrors as Record<string, string> | undefined) ?? {});
      setMessage(result.error);
      return;
    }
    // The change ended every session, this one included: sign in again with the new
    // password so the user carries on where they are.
    const signedIn = await signIn("credentials", { email, password: parsed.data.newPassword, redirect: false });
    if (signedIn?.ok && !signedIn.error) {
      toast.success("Password changed.");
      router.replace("/");
    } else {
      toast.success("Password changed. Sign in with your new password.");
      router.replace("/sign-in");
    }
    router.refresh();
  }

  return (
    <form noValidate onSubmit={onSubmit} className={`${cardStyles} space-y-4 p-6`}>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label={currentLabel} name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} error={errors.newPassword} />
      <Field label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <ErrorAlert message={message} />
      <button type="submit" disabled={pending} className={buttonStyles.primary}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
