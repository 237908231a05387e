// The first admin of an installation, from DEFAULT_ADMIN_EMAIL / DEFAULT_ADMIN_PASSWORD:
// created by `npm start` only while no active admin exists, with a password to change at
// first sign-in. In production (no demo users) this or `npm run cli -- user create` is how
// the first admin comes to be.
import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { dbOf, type DomainOptions } from "@/lib/db";
import type { Env } from "@/lib/env";

export type FirstAdminOutcome = "created" | "admin-exists" | "email-taken" | "no-admin";

type Config = { email: string; password: string };

/** `config` comes from the validated environment (firstAdminConfig), so it is not parsed again. */
export async function ensureFirstAdmin(
  config: Config | undefined,
  options?: DomainOptions,
): Promise<FirstAdminOutcome> {
  const passwordHash = config ? await hashPassword(config.password) : undefined;
  return dbOf(options).$transaction(async (tx) => {
    // Several instances may start at once: one decides, the others then see its admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('preflight:first-admin'))`;
    if ((await tx.user.count({ where: { role: "ADMIN", active: true } })) > 0) return "admin-exists";
    if (!config || !passwordHash) return "no-admin";
    if (await tx.user.findUnique({ where: { email: config.email }, select: { id: true } })) return "email-taken";
    const admin = await tx.user.create({
      data: { email: config.email, name: "Administrator", role: "ADMIN", passwordHash, mustChangePassword: true },
    });
    await recordAudit(tx, {
      actorLabel: "start-up",
      action: "user.create",
      entityType: "User",
      entityId: admin.id,
      after: {
        email: admin.email,
        name: admin.name,
        role: admin.role,
        mustChangePassword: true,
        from: "DEFAULT_ADMIN_EMAIL",
      },
    });
    return "created";
  });
}

export function firstAdminConfig(env: Pick<Env, "DEFAULT_ADMIN_EMAIL" | "DEFAULT_ADMIN_PASSWORD">): Config | undefined {
  return env.DEFAULT_ADMIN_EMAIL && env.DEFAULT_ADMIN_PASSWORD
    ? { email: env.DEFAULT_ADMIN_EMAIL, password: env.DEFAULT_ADMIN_PASSWORD }
    : undefined;
}

/** The start-up log line for an outcome, if it deserves one. */
export function firstAdminLogLine(
  outcome: FirstAdminOutcome,
  env: Pick<Env, "APP_ENV" | "DEFAULT_ADMIN_EMAIL">,
): { level: "info" | "warn"; message: string } | null {
  const configured = Boolean(env.DEFAULT_ADMIN_EMAIL);
  switch (outcome) {
    case "created":
      return {
        level: "info",
        message: `created the first admin ${env.DEFAULT_ADMIN_EMAIL}; the password must be changed at first sign-in. Remove DEFAULT_ADMIN_EMAIL/DEFAULT_ADMIN_PASSWORD from the environment now.`,
      };
    case "admin-exists":
      return configured
        ? {
            level: "warn",
            message:
              "DEFAULT_ADMIN_EMAIL/DEFAULT_ADMIN_PASSWORD are still set; remove them: an admin exists already, so they are ignored.",
          }
        : null;
    case "email-taken":
      return {
        level: "warn",
        message: `DEFAULT_ADMIN_EMAIL ${env.DEFAULT_ADMIN_EMAIL} belongs to an existing user who is not an active admin; no admin was created. Choose another email, or run \`npm run cli -- user create --role ADMIN --email …\`.`,
      };
    case "no-admin":
      return env.APP_ENV === "production"
        ? {
            level: "warn",
            message:
              "there is no admin yet: set DEFAULT_ADMIN_EMAIL and DEFAULT_ADMIN_PASSWORD, or run `npm run cli -- user create --role ADMIN --email …`.",
          }
        : null;
  }
}
