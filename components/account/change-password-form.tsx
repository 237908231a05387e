"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/account/password/actions";
import { ErrorAlert } from "@/components/ui/error-alert";
import { Field } from "@/components/ui/field";
import { buttonStyles, cardStyles } from "@/components/ui/styles";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useServerForm } from "@/components/ui/use-server-form";
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";

type Props = { email: string; currentLabel: string };

export function ChangePasswordForm({ email, currentLabel }: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { fieldErrors, formError, pending, onSubmit } = useServerForm({
    schema: changePasswordSchema,
    read: (fields) => fields.entries(),
    leavesPage: true,
    action: changePasswordAction,
    // The change ended every session, this one included: sign in again with the new
    // password so the user carries on where they are.
    onSuccess: async (_data, input) => {
      const signedIn = await signIn("credentials", { email, password: input.newPassword, redirect: false });
      if (signedIn?.ok && !signedIn.error) {
        toast.success("Password changed.");
        router.replace("/");
      } else {
        toast.success("Password changed. Sign in with your new password.");
        router.replace("/sign-in");
      }
      router.refresh();
    },
  });

  return (
    <form noValidate method="post" onSubmit={onSubmit} className={`${cardStyles} space-y-4 p-6`}>
      {/* Lets password managers file the new password under the right account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field
        label={currentLabel}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword}
      />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        error={fieldErrors.newPassword}
      />
      <Field
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrors.confirmPassword}
      />
      <ErrorAlert message={formError} />
      <button type="submit" disabled={pending || !hydrated} className={buttonStyles.primary}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
