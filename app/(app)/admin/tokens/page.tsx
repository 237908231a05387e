import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { TokenAdmin } from "@/components/api-tokens/token-admin";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { listTokenUsers } from "@/lib/api-tokens/list-token-users";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requireUser();
  if (!can(user, "token:manage")) forbidden();
  const [tokens, users] = await Promise.all([listApiTokens(user), listTokenUsers(user)]);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and scripts use the REST API. Each speaks for one user and may do what their role may, limited to its scopes; revoking one stops it at once."
        actions={
          <Link href="/api-docs" className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300">
            API reference
          </Link>
        }
      />
      <TokenAdmin tokens={tokens} users={users} currentUserId={user.id} now={new Date()} />
    </>
  );
}
