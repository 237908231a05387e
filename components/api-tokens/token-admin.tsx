"use client";

import { useState } from "react";
import { CreateTokenForm } from "@/components/api-tokens/create-token-form";
import { IssuedToken } from "@/components/api-tokens/issued-token";
import { TokenRow } from "@/components/api-tokens/token-row";
import { ErrorAlert } from "@/components/ui/error-alert";
import { EmptyState } from "@/components/ui/empty-state";
import type { TokenUserChoice } from "@/lib/api-tokens/list-token-users";
import type { ApiTokenRow } from "@/lib/api-tokens/token-row";
import { DataTable } from "@/components/ui/data-table";

const columns = ["Name", "Prefix", "Scopes", "For user", "Expires", "Last used", "Status", "Actions"] as const;

type Props = { tokens: ApiTokenRow[]; users: TokenUserChoice[]; currentUserId: string; now: Date };

export function TokenAdmin({ tokens, users, currentUserId, now }: Props) {
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <CreateTokenForm
        users={users}
        currentUserId={currentUserId}
        onCreated={({ token, secret }) => setIssued({ name: token.name, secret })}
      />
      {issued ? <IssuedToken name={issued.name} secret={issued.secret} onDone={() => setIssued(null)} /> : null}
      <ErrorAlert message={error} />
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens yet">
          Create one for a pipeline that asks the gate before it deploys, or for a script that reads or updates
          checklists.
        </EmptyState>
      ) : (
        <DataTable caption="API tokens" columns={columns}>
          {tokens.map((token) => (
            <TokenRow
              key={`${token.id}:${token.revokedAt ? "revoked" : "active"}`}
              token={token}
              now={now}
              onError={setError}
            />
          ))}
        </DataTable>
      )}
    </div>
  );
}
