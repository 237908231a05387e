// An admin creates a token for a pipeline or script. The secret is returned once, to be
// shown once; only its hash and a short prefix (to tell tokens apart) are stored.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { invalidInput } from "@/lib/errors";
import { parseInput } from "@/lib/actions/parse-input";
import type { z } from "zod";
import { createApiTokenSchema } from "@/lib/api-tokens/schemas";
import { generateTokenSecret, hashTokenSecret, prefixOf } from "@/lib/api-tokens/secret";
import { apiTokenRowSelect, type ApiTokenRow } from "@/lib/api-tokens/token-row";

export type CreatedApiToken = { token: ApiTokenRow; secret: string };

export async function createApiToken(
  actor: Actor | null,
  input: z.input<typeof createApiTokenSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<CreatedApiToken> {
  requirePermission(actor, "token:manage");
  const now = options?.now ?? new Date();
  const data = parseInput(createApiTokenSchema, input);
  // Valid through the whole chosen day (UTC), so "expires on" means what it says.
  const expiresAt = data.expiresOn ? new Date(`${data.expiresOn}T23:59:59.999Z`) : null;
  if (expiresAt && expiresAt <= now) throw invalidInput({ expiresOn: "The expiry date must be today or later." });
  const secret = generateTokenSecret();
  const scopes = [...new Set(data.scopes)];
  const token = await dbOf(options).$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        name: data.name,
        prefix: prefixOf(secret),
        tokenHash: hashTokenSecret(secret),
        scopes,
        expiresAt,
        userId: actor.id,
        createdById: actor.id,
      },
      select: apiTokenRowSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "api-token.create",
      entityType: "ApiToken",
      entityId: created.id,
      after: { name: created.name, prefix: created.prefix, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { token, secret };
}
