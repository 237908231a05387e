"use client";

import { useState } from "react";
import { revokeApiTokenAction } from "@/app/(app)/admin/tokens/actions";
import { refusalMessage } from "@/components/ui/server-action";
import { buttonStyles } from "@/components/ui/styles";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ApiTokenRow } from "@/lib/api-tokens/token-row";
import { formatDate, formatDateTime } from "@/lib/format";

/** One token; revoking asks for a confirmation first because it cannot be undone. */
export function TokenRow({
  token,
  now,
  onError,
}: {
  token: ApiTokenRow;
  now: Date;
  onError: (message: string | null) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const expired = token.expiresAt !== null && token.expiresAt <= now;
  const state = token.revokedAt ? `Revoked ${formatDateTime(token.revokedAt)}` : expired ? "Expired" : "Active";

  const { run, pending } = useServerAction({
    action: () => revokeApiTokenAction({ tokenId: token.id }),
    success: (revoked) => `Revoked “${revoked.name}”; it stops working at once.`,
    // The table shows one message for every row.
    onFailure: (failure) => onError(refusalMessage(failure)),
    onSettled: () => setConfirming(false),
  });

  function revoke() {
    onError(null);
    void run();
  }

  return (
    <tr className={token.revokedAt || expired ? "text-slate-500 dark:text-slate-400" : undefined}>
      <td className="px-4 py-2">{token.name}</td>
      <td className="px-4 py-2 font-mono text-xs">{token.prefix}…</td>
      <td className="px-4 py-2">{token.scopes.join(", ")}</td>
      <td className="px-4 py-2">
        {token.user.name}
        <span className="block text-xs text-slate-500 dark:text-slate-400">
          {token.createdBy ? `issued by ${token.createdBy.name}` : "issued on the command line"}
        </span>
      </td>
      <td className="px-4 py-2 whitespace-nowrap">{token.expiresAt ? formatDate(token.expiresAt) : "Never"}</td>
      <td className="px-4 py-2 whitespace-nowrap">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : "Never"}</td>
      <td className="px-4 py-2">{state}</td>
      <td className="px-4 py-2">
        {token.revokedAt ? null : confirming ? (
          <div className="flex flex-wrap items-center gap-1" role="group" aria-label={`Confirm revoking ${token.name}`}>
            <span className="text-xs">Revoke for good?</span>
            <button type="button" onClick={revoke} disabled={pending} className={buttonStyles.danger}>
              {pending ? "Revoking…" : "Yes, revoke"}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              disabled={pending}
              className={buttonStyles.ghost}
            >
              Cancel
            </button>
          </div>
        ) : (
          <button
            type="button"
            onClick={() => setConfirming(true)}
            aria-label={`Revoke ${token.name}`}
            className={buttonStyles.ghost}
          >
            Revoke
          </button>
        )}
      </td>
    </tr>
  );
}
