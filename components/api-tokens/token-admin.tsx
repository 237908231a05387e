"use client";

import { useState } from "react";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { IssuedToken } from "@/components/api-tokens/issued-token";
import { TokenRow } from "@/components/api-tokens/token-row";
import { ErrorAlert } from "@/components/templates/error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import { cardStyles } from "@/components/ui/styles";
import type { ApiTokenRow } from "@/lib/api-tokens/token-row";

const columns = ["Name", "Prefix", "Scopes", "Created by", "Expires", "Last used", "Status", "Actions"] as const;

export function TokenAdmin({ tokens, now }: { tokens: ApiTokenRow[]; now: Date }) {
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <CreateTokenForm onCreated={({ token, secret }) => setIssued({ name: token.name, secret })} />
      {issued ? <IssuedToken name={issued.name} secret={issued.secret} onDone={() => setIssued(null)} /> : null}
      <ErrorAlert message={error} />
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">Create one for a pipeline that asks the gate before it deploys, or for a script that reads or updates checklists.</EmptyState>
      ) : (
        <div className="overflow-x-auto">
          <table className={`${cardStyles} w-full overflow-hidden text-left text-sm`}>
            <caption className="sr-only">API tokens</caption>
            <thead className="bg-slate-100 dark:bg-slate-800">
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col" className="px-4 py-2 font-medium">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {tokens.map((token) => (
                <TokenRow key={`${token.id}:${token.revokedAt ? "revoked" : "active"}`} token={token} now={now} onError={setError} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
