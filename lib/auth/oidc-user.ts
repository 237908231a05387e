// Single sign-on: who a person signed in at the OpenID Connect provider is in Preflight.
// The provider's subject ("sub") is the stable key; an email links an existing account only
// when the provider says it verified that email, otherwise anyone able to set an email at
// the provider could take over the account that owns it.
import "server-only";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import type { AuthenticatedUser } from "@/lib/auth/authenticate";
import { dbOf, type DbClient, type DomainOptions } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import type { Role } from "@/lib/generated/prisma/enums";

const SSO_ACTOR = "single sign-on";

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .pipe(z.email({ pattern: z.regexes.html5Email }))
    .optional(),
  // Some providers send the flag as a string.
  email_verified: z.union([z.boolean(), z.enum(["true", "false"]).transform((value) => value === "true")]).optional(),
  name: z.string().optional(),
});

export type OidcClaims = z.input<typeof claimsSchema>;

export type OidcRefusal =
  "invalid-claims" | "missing-email" | "inactive" | "email-not-verified" | "linked-to-another-subject";

export type OidcSignInResult =
  { ok: true; user: AuthenticatedUser; created: boolean } | { ok: false; reason: OidcRefusal };

const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  tokenVersion: true,
  active: true,
  oidcSubject: true,
} as const;

/** Finds, links or creates the user for a provider's ID token claims, or says why not. */
export async function signInWithOidc(
  rawClaims: unknown,
  options: DomainOptions & { defaultRole: Role },
): Promise<OidcSignInResult> {
  const parsed = claimsSchema.safeParse(rawClaims);
  if (!parsed.success) return { ok: false, reason: "invalid-claims" };
  const prisma = dbOf(options);
  try {
    return await mapUser(prisma, parsed.data, options.defaultRole);
  } catch (error) {
    // Two first sign-ins of the same person at once: the loser finds the winner's row.
    if (!isUniqueViolation(error)) throw error;
    return mapUser(prisma, parsed.data, options.defaultRole);
  }
}

/** The active user behind a provider subject, as the session token carries it. */
export async function findOidcUser(subject: string, options?: DomainOptions): Promise<AuthenticatedUser | null> {
  const user = await dbOf(options).user.findUnique({ where: { oidcSubject: subject }, select: userSelect });
  return user?.active ? toAuthenticated(user) : null;
}

async function mapUser(
  prisma: DbClient,
  claims: z.output<typeof claimsSchema>,
  defaultRole: Role,
): Promise<OidcSignInResult> {
  const now = new Date();
  const bySubject = await prisma.user.findUnique({ where: { oidcSubject: claims.sub }, select: userSelect });
  if (bySubject) {
    if (!bySubject.active) return { ok: false, reason: "inactive" };
    await prisma.user.update({ where: { id: bySubject.id }, data: { lastSignInAt: now } });
    return { ok: true, user: toAuthenticated(bySubject), created: false };
  }

  const email = claims.email;
  if (!email) return { ok: false, reason: "missing-email" };
  const byEmail = await prisma.user.findUnique({ where: { email }, select: userSelect });
  if (byEmail) {
    if (claims.email_verified !== true) return { ok: false, reason: "email-not-verified" };
    if (!byEmail.active) return { ok: false, reason: "inactive" };
    if (byEmail.oidcSubject) return { ok: false, reason: "linked-to-another-subject" };
    const linked = await prisma.$transaction(async (tx) => {
      // Only while still unlinked: a concurrent link by another subject must not be overwritten.
      const { count } = await tx.user.updateMany({
        where: { id: byEmail.id, oidcSubject: null, active: true },
        data: { oidcSubject: claims.sub, lastSignInAt: now },
      });
      if (count === 0) return false;
      await recordAudit(tx, {
        actorLabel: SSO_ACTOR,
        action: "user.oidc.link",
        entityType: "User",
        entityId: byEmail.id,
        after: { oidcSubject: claims.sub },
      });
      return true;
    });
    if (!linked) return { ok: false, reason: "linked-to-another-subject" };
    return { ok: true, user: toAuthenticated(byEmail), created: false };
  }

  const created = await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email,
        name: displayName(claims.name, email),
        role: defaultRole,
        oidcSubject: claims.sub,
        mustChangePassword: false,
        lastSignInAt: now,
      },
      select: userSelect,
    });
    await recordAudit(tx, {
      actorLabel: SSO_ACTOR,
      action: "user.create",
      entityType: "User",
      entityId: user.id,
      after: { email: user.email, name: user.name, role: user.role, oidcSubject: claims.sub },
    });
    return user;
  });
  return { ok: true, user: toAuthenticated(created), created: true };
}

/** The provider's name if it fits the rules for names typed by an admin, else the email's local part. */
function displayName(name: string | undefined, email: string): string {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f<>]/g, "")
    .trim()
    .slice(0, 100)
    .trim();
  return cleaned || email.split("@")[0]!.slice(0, 100);
}

function toAuthenticated(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  tokenVersion: number;
}): AuthenticatedUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, tokenVersion: user.tokenVersion };
}
