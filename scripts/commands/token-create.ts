// `npm run cli -- token create --email <user> --scope READ|WRITE|GATE [--scope …] [--name …]
// [--expires-days N]`: a token for a pipeline, made by whoever runs the server (no browser).
// It speaks for the user named by --email (active, not a viewer) and has no creator; the
// event is audited with the actor label `cli`. The secret is all that goes to stdout.
import type { PrismaClient } from "@/lib/db/client";
import { issueApiToken } from "@/lib/api-tokens/create-api-token";
import { apiTokenScopes } from "@/lib/api-tokens/scopes";
import { roleLabels } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { ApiTokenScope } from "@/lib/generated/prisma/enums";
import { userIdByEmail } from "@/lib/users/reset-password";
import { userEmailSchema } from "@/lib/users/schemas";
import { exitWith } from "../lib/bootstrap";

type WithPrisma = <T>(task: (prisma: PrismaClient) => Promise<T>) => Promise<T>;
export type TokenCreateOptions = { email?: string; scopes: string[]; name?: string; expiresDays?: string };

const MAX_EXPIRES_DAYS = 3650;
/** Which option a field of the token's input came from, to name it in a message. */
const optionOf: Record<string, string> = { userId: "--email", name: "--name", scopes: "--scope" };

/** Checks the arguments (exit 2 naming the bad one, before the database is touched), then
 * issues the token. */
export async function tokenCreate(options: TokenCreateOptions, withPrisma: WithPrisma, now = new Date()) {
  const email = userEmailSchema.safeParse({
    email: options.email ?? exitWith("--email: Give the user's email address.", 2),
  });
  if (!email.success) exitWith(`--email: ${email.error.issues[0]!.message}`, 2);
  const scopes = parseScopes(options.scopes);
  const expiresOn = options.expiresDays === undefined ? undefined : expiryDay(options.expiresDays, now);
  const name = options.name ?? `cli token for ${email.data.email}`;

  const created = await withPrisma(async (prisma) => {
    const userId = await userIdByEmail(email.data, { db: prisma });
    return issueApiToken({ actorLabel: "cli" }, { name, scopes, expiresOn, userId }, { db: prisma, now });
  }).catch((error: unknown) => {
    // After the database is released: a refused input names its option and exits 2.
    if (error instanceof AppError && (error.code === "BAD_REQUEST" || error.code === "NOT_FOUND")) {
      const option = error.code === "NOT_FOUND" ? "--email" : optionOf[error.field ?? ""];
      exitWith(option ? `${option}: ${error.message}` : error.message, 2);
    }
    throw error;
  });
  const { token, secret } = created;
  console.error(
    [
      `Created the API token “${token.name}” for ${token.user.email} (${roleLabels[token.user.role]}).`,
      `  id:      ${token.id}`,
      `  prefix:  ${token.prefix}`,
      `  scopes:  ${token.scopes.join(", ")}`,
      `  expires: ${token.expiresAt ? `${token.expiresAt.toISOString().slice(0, 10)} (end of the day, UTC)` : "never"}`,
      "The secret follows; it is shown only this once.",
    ].join("\n"),
  );
  console.log(secret);
}

function parseScopes(values: string[]): ApiTokenScope[] {
  if (values.length === 0) exitWith("--scope: Give at least one scope: READ, WRITE or GATE.", 2);
  return values.map((value) => {
    const scope = value.trim().toUpperCase();
    if (!(apiTokenScopes as readonly string[]).includes(scope))
      exitWith(`--scope: “${value}” is not a scope; a scope is READ, WRITE or GATE.`, 2);
    return scope as ApiTokenScope;
  });
}

/** The last day the token works (UTC): N days from today, N a whole number from 1 to 3650. */
function expiryDay(value: string, now: Date): string {
  const days = /^\d{1,4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(days >= 1 && days <= MAX_EXPIRES_DAYS))
    exitWith(`--expires-days: Give a whole number of days from 1 to ${MAX_EXPIRES_DAYS}.`, 2);
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
