import type { Metadata } from "next";
import Link from "next/link";
import { TokenAdmin } from "@/components/api-tokens/token-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { can } from "@/lib/auth/policy";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const user = await requireUser();
  if (!can(user, "token:manage")) return <Forbidden what="API tokens" />;
  const tokens = await listApiTokens(user);
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and scripts use the REST API. Each acts as the admin who created it, limited to its scopes; revoking one stops it at once."
        actions={
          <Link href="/api-docs" className="text-sm text-brand-700 underline hover:no-underline dark:text-brand-300">
            API reference
          </Link>
        }
      />
      <TokenAdmin tokens={tokens} now={new Date()} />
    </>
  );
}
