import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { PageHeader } from "@/components/ui/page-header";
import { getSessionUser } from "@/lib/auth/session";
import { MIN_PASSWORD_LENGTH } from "@/lib/users/schemas";

export const metadata: Metadata = { title: "Password" };

export default async function PasswordPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!user.hasPassword) {
    return (
      <div className="max-w-lg">
        <PageHeader
          title="No password to change"
          description="You sign in through your organisation's single sign-on; Preflight holds no password for you. Your identity provider manages it."
        />
      </div>
    );
  }
  return (
    <div className="max-w-lg">
      {user.mustChangePassword ? (
        <PageHeader
          title="Choose your password"
          description={`You signed in with a one-time password. Choose your own password (at least ${MIN_PASSWORD_LENGTH} characters and hard to guess: several unrelated words work well) before you continue.`}
        />
      ) : (
        <PageHeader
          title="Change your password"
          description={`At least ${MIN_PASSWORD_LENGTH} characters and hard to guess (several unrelated words work well), different from the current one. Sessions on other devices end.`}
        />
      )}
      <ChangePasswordForm
        email={user.email}
        currentLabel={user.mustChangePassword ? "One-time password" : "Current password"}
      />
    </div>
  );
}
