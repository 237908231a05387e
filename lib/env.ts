// The one validated view of process.env. Nothing else reads process.env.
import { z } from "zod";

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
    message: "must be a postgresql:// connection URL",
  });

const baseSchema = z.object({
  APP_ENV: z.enum(["local", "production"]).default("local"),
  DATABASE_URL: postgresUrl.optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default("info"),
  DATA_DIR: z.string().min(1).default(".data"),
  // The first admin, created by `npm start` only while no active admin exists (lib/users/first-admin.ts).
  DEFAULT_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email({ pattern: z.regexes.html5Email, error: "must be an email address" })).optional(),
  DEFAULT_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(1024, "must be at most 1024 characters").optional(),
});

const schema = baseSchema.superRefine((value, ctx) => {
  // Half a first-admin setting is a typo, not a choice: refuse it rather than ignore it.
  if (Boolean(value.DEFAULT_ADMIN_EMAIL) !== Boolean(value.DEFAULT_ADMIN_PASSWORD)) {
    const [missing, given] = value.DEFAULT_ADMIN_EMAIL ? ["DEFAULT_ADMIN_PASSWORD", "DEFAULT_ADMIN_EMAIL"] : ["DEFAULT_ADMIN_EMAIL", "DEFAULT_ADMIN_PASSWORD"];
    ctx.addIssue({ code: "custom", path: [missing], message: `is required when ${given} is set (give both or neither)` });
  }
  if (value.APP_ENV !== "production") return;
  // Production accepts nothing generated or insecure: every secret must be given.
  for (const key of ["DATABASE_URL", "AUTH_SECRET", "APP_URL"] as const) {
    if (!value[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when APP_ENV=production" });
  }
});

export type Env = z.infer<typeof schema> & { HOST: string };

export class EnvError extends Error {
  constructor(readonly variable: string, readonly problem: string) {
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
