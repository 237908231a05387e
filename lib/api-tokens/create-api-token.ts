// An admin (or the command line) creates a token for a pipeline or script. The token speaks
// for one user: it may do what that user's role may, within its scopes. The secret is
// returned once, to be shown once; only its hash and a short prefix (to tell tokens apart)
// are stored.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission, type Actor } from "@/lib/auth/policy";
import { dbOf, type DomainOptions } from "@/lib/db";
import { invalidField, invalidInput } from "@/lib/errors";
import { createApiTokenSchema } from "@/lib/api-tokens/schemas";
import { generateTokenSecret, hashTokenSecret, prefixOf } from "@/lib/api-tokens/secret";
import { apiTokenRowSelect, type ApiTokenRow } from "@/lib/api-tokens/token-row";
import type { ChangedBy } from "@/lib/users/user-row";

export type CreatedApiToken = { token: ApiTokenRow; secret: string };

export async function createApiToken(
  actor: Actor | null,
  input: z.input<typeof createApiTokenSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<CreatedApiToken> {
  requirePermission(actor, "token:manage");
  return issueApiToken({ actorId: actor.id }, input, options);
}

/** The issuing itself, for callers that already decided who may do it (the CLI, run by
 * someone with access to the server and its database). An admin issuer is recorded as the
 * token's creator, and without `userId` the token speaks for them; the command line (an
 * `actorLabel`) must name the user and leaves the creator empty. */
export async function issueApiToken(
  by: ChangedBy,
  input: z.input<typeof createApiTokenSchema>,
  options?: DomainOptions & { now?: Date },
): Promise<CreatedApiToken> {
  const now = options?.now ?? new Date();
  const data = parseInput(createApiTokenSchema, input);
  const issuerId = "actorId" in by ? by.actorId : null;
  const userId = data.userId ?? issuerId;
  if (!userId) throw invalidField("userId", "Name the user the token speaks for.");
  // Valid through the whole chosen day (UTC), so "expires on" means what it says.
  const expiresAt = data.expiresOn ? new Date(`${data.expiresOn}T23:59:59.999Z`) : null;
  if (expiresAt && expiresAt <= now) throw invalidInput({ expiresOn: "The expiry date must be today or later." });
  const secret = generateTokenSecret();
  const scopes = [...new Set(data.scopes)];
  const token = await dbOf(options).$transaction(async (tx) => {
    // Read in the transaction, locked, so a deactivation or demotion committing meanwhile
    // is not overtaken by a token for the user as they were.
    const [user] = await tx.$queryRaw<{ email: string; role: string; active: boolean }[]>`
      SELECT email, role::text AS role, active FROM "User" WHERE id = ${userId} FOR SHARE`;
    if (!user) throw invalidField("userId", "That user does not exist.");
    if (!user.active)
      throw invalidField("userId", `${user.email} is deactivated; a token must speak for an active user.`);
    if (user.role === "VIEWER")
      throw invalidField(
        "userId",
        `${user.email} is a viewer; a token must speak for a user who can work on deployments.`,
      );
    const created = await tx.apiToken.create({
      data: {
        name: data.name,
        prefix: prefixOf(secret),
        tokenHash: hashTokenSecret(secret),
        scopes,
        expiresAt,
        userId,
        createdById: issuerId,
      },
      select: apiTokenRowSelect,
    });
    await recordAudit(tx, {
      ...by,
      action: "api-token.create",
      entityType: "ApiToken",
      entityId: created.id,
      after: {
        name: created.name,
        prefix: created.prefix,
        scopes,
        expiresAt: expiresAt?.toISOString() ?? null,
        userId,
        userEmail: user.email,
      },
    });
    return created;
  });
  return { token, secret };
}
