import type { Metadata } from "next";
import Link from "next/link";
import { ApiReference } from "@/components/api-docs/api-reference";
import { InlineMarkdown } from "@/components/markdown/inline-markdown";
import { PageHeader } from "@/components/ui/page-header";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const metadata: Metadata = { title: "API reference" };

export default function ApiDocsPage() {
  const document = openApiDocument();
  return (
    <>
      <PageHeader
        title="API reference"
        description={document.info.description ? <InlineMarkdown text={document.info.description} /> : undefined}
      />
      <div className="mb-6 space-y-2 text-sm">
        <p>
          The machine-readable document is at{" "}
          <a href="/api/v1/openapi.json" className="font-mono text-brand-700 underline dark:text-brand-300">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1). Admins create tokens on{" "}
          <Link href="/admin/tokens" className="text-brand-700 underline dark:text-brand-300">
            Admin → API tokens
          </Link>
          , or on the server with <code className="font-mono">npm run cli -- token create --email … --scope …</code>;
          each token speaks for one user, within its scopes.
        </p>
        <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-800">{`curl -fsS -H "Authorization: Bearer $PREFLIGHT_TOKEN" "$PREFLIGHT_URL/api/v1/deployments/<id>/gate"`}</pre>
      </div>
      <ApiReference document={document as Parameters<typeof ApiReference>[0]["document"]} />
    </>
  );
}
