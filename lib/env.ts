// The one validated view of process.env. Nothing else reads process.env.
import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { parseSigningKey } from "@/lib/attestations/key-format";
import { parseCorsOrigins } from "@/lib/security/cors";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: "must be a postgresql:// connection URL",
  });

// Tokens and the client secret travel to the issuer: only https, except on this machine (tests, a local IdP).
const oidcIssuer = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .refine(
    (value) => URL.canParse(value) && (new URL(value).protocol === "https:" || isLoopback(new URL(value).hostname)),
    {
      message: "must be an https URL (http only on a loopback address)",
    },
  )
  .transform((value) => value.replace(/\/+$/, ""));

const requestsPerMinute = z.coerce
  .number({ error: "must be a whole number of requests a minute (0 turns the limit off)" })
  .int("must be a whole number of requests a minute (0 turns the limit off)")
  .min(0, "must be 0 (off) or more")
  .max(1_000_000_000, "must be at most 1000000000");

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

const milliseconds = z.coerce
  .number({ error: "must be a whole number of milliseconds" })
  .int("must be a whole number of milliseconds")
  .min(0, "must be 0 or more")
  .max(600_000, "must be at most 600000 (10 minutes)");

const baseSchema = z.object({
  APP_ENV: z.enum(["local", "production"]).default("local"),
  DATABASE_URL: postgresUrl.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  DATA_DIR: z.string().min(1).default(".data"),
  // Proxies of yours in front of Preflight (scripts/lib/http-layer.mjs): 0, the client connects
  // directly, so X-Forwarded-For and -Host are whatever it claims and are replaced or dropped.
  TRUSTED_PROXIES: z.coerce
    .number({ error: "must be a whole number of proxies (0 when clients connect directly)" })
    .int("must be a whole number of proxies (0 when clients connect directly)")
    .min(0, "must be 0 or more")
    .max(10, "must be at most 10")
    .default(0),
  // Browser origins allowed to call /api/v1 (comma-separated, or * outside production); unset: none.
  CORS_ORIGINS: z
    .string()
    .transform((value, ctx) => {
      const parsed = parseCorsOrigins(value);
      if ("problem" in parsed) {
        ctx.addIssue({ code: "custom", message: parsed.problem });
        return z.NEVER;
      }
      return parsed.origins;
    })
    .default([]),
  // Audit events older than this many days go to an export file via `npm run cli -- audit retain`; unset keeps them forever.
  AUDIT_RETENTION_DAYS: z.coerce
    .number({ error: "must be a whole number of days" })
    .int("must be a whole number of days")
    .min(1, "must be at least 1")
    .max(36500, "must be at most 36500 (100 years)")
    .optional(),
  // The Ed25519 private key that signs attestations (lib/attestations/keys.ts); unset in local
  // mode: generated once into DATA_DIR/attestation-key.pem. Kept as given, checked here.
  ATTESTATION_SIGNING_KEY: z
    .string()
    .superRefine((value, ctx) => {
      const parsed = parseSigningKey(value);
      if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
    })
    .optional(),
  // How long reading one imported Markdown file may take before it is refused (lib/templates/parse-worker).
  IMPORT_PARSE_TIMEOUT_MS: z.coerce
    .number({ error: "must be a whole number of milliseconds" })
    .int("must be a whole number of milliseconds")
    .min(100, "must be at least 100")
    .max(600_000, "must be at most 600000 (10 minutes)")
    .default(5000),
  // Client-side deadline for one database query (a stopped server enforces nothing); 0 = none.
  DB_QUERY_TIMEOUT_MS: milliseconds.default(10_000),
  // statement_timeout and lock_timeout on the app's connections (idle in transaction: twice it); 0 = none.
  DB_STATEMENT_TIMEOUT_MS: milliseconds.default(8_000),
  // How long /api/health waits for the database before answering 503.
  HEALTH_TIMEOUT_MS: milliseconds.min(100, "must be at least 100").default(2_000),
  // API requests a minute per API token and per client address (lib/api/rate-limit.ts); 0 turns the limit off.
  API_RATE_LIMIT: requestsPerMinute.default(600),
  // The same for GET /api/v1/deployments/{id}/gate, counted on its own so CI fan-out isn't starved.
  GATE_RATE_LIMIT: requestsPerMinute.default(6000),
  // Webhook receivers (and other outbound requests) on loopback, private, link-local or other
  // non-public addresses are refused unless this is true (lib/security/outbound.ts).
  ALLOW_PRIVATE_OUTBOUND: z.stringbool({ error: "must be true or false" }).default(false),
  // The first admin, created by `npm start` only while no active admin exists (lib/users/first-admin.ts).
  DEFAULT_ADMIN_EMAIL: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.email({ pattern: z.regexes.html5Email, error: "must be an email address" }))
    .optional(),
  DEFAULT_ADMIN_PASSWORD: z
    .string()
    .min(12, "must be at least 12 characters")
    .max(1024, "must be at most 1024 characters")
    .optional(),
  // Optional OpenID Connect single sign-on (docs/sso.md): issuer, client id and secret, all or none.
  OIDC_ISSUER: oidcIssuer.optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DEFAULT_ROLE: z
    .enum(Role, { error: "must be one of ADMIN, MANAGER, REVIEWER, ENGINEER, VIEWER" })
    .default("VIEWER"),
  OIDC_NAME: z.string().trim().min(1).max(60, "must be at most 60 characters").default("Single sign-on"),
});

const schema = baseSchema.superRefine((value, ctx) => {
  // Half a first-admin setting is a typo, not a choice: refuse it rather than ignore it.
  if (Boolean(value.DEFAULT_ADMIN_EMAIL) !== Boolean(value.DEFAULT_ADMIN_PASSWORD)) {
    const [missing, given] = value.DEFAULT_ADMIN_EMAIL
      ? ["DEFAULT_ADMIN_PASSWORD", "DEFAULT_ADMIN_EMAIL"]
      : ["DEFAULT_ADMIN_EMAIL", "DEFAULT_ADMIN_PASSWORD"];
    ctx.addIssue({
      code: "custom",
      path: [missing],
      message: `is required when ${given} is set (give both or neither)`,
    });
  }
  const oidcKeys = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
  const givenOidc = oidcKeys.find((key) => value[key]);
  for (const key of oidcKeys) {
    if (givenOidc && !value[key])
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is required when ${givenOidc} is set (give all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none)`,
      });
  }
  if (value.APP_ENV !== "production") return;
  if (value.CORS_ORIGINS.includes("*")) {
    ctx.addIssue({
      code: "custom",
      path: ["CORS_ORIGINS"],
      message: "must list origins; a wildcard is refused when APP_ENV=production",
    });
  }
  // Production accepts nothing generated or insecure: every secret must be given.
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "APP_URL"] as const) {
    if (!value[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when APP_ENV=production" });
  }
  // Every sign-off that clears a release is signed: production must not start unable to.
  if (!value.ATTESTATION_SIGNING_KEY)
    ctx.addIssue({
      code: "custom",
      path: ["ATTESTATION_SIGNING_KEY"],
      message:
        "is required when APP_ENV=production (an Ed25519 private key, PEM or base64: `openssl genpkey -algorithm ed25519`)",
    });
});

export type Env = z.infer<typeof schema> & { HOST: string };

export class EnvError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}.`);
    this.name = "EnvError";
  }
}

/** Validates an environment; throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty value means "not set": shells and .env files often leave `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new EnvError(String(issue.path[0] ?? "environment"), issue.message);
  }
  const env = result.data;
  return { ...env, HOST: env.HOST ?? (env.APP_ENV === "production" ? "0.0.0.0" : "127.0.0.1") };
}

let cached: Env | undefined;

/** The process environment, validated once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Environment variables this module knows, for docs and .env.example checks. */
export const envKeys = Object.keys(baseSchema.shape);
