// npm start — builds if needed, starts the database (embedded unless DATABASE_URL is set),
// migrates, seeds, then serves Preflight with scripts/serve.mjs (Next's request handler behind
// the project's HTTP layer) as a child of this process. This process owns the embedded
// database: it stops it when the server stops. Decision 3 (docs/decisions/0003-start-process.md).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { loadLocalSecrets } from "@/lib/config/local-secrets";
import { acquireDatabase } from "@/lib/db/acquire";
import { createPrismaClient, type PrismaClient } from "@/lib/db/client";
import { migrate, MigrationError } from "@/lib/db/migrate";
import { logger, relayedLogLine } from "@/lib/log";
import { seedDatabase } from "@/lib/seed/seed";
import { ensureFirstAdmin, firstAdminConfig, firstAdminLogLine } from "@/lib/users/first-admin";
import { exitWith, loadEnvOrExit } from "./lib/bootstrap";
import { needsBuild } from "./lib/build-state";
import { printDemoCredentials } from "./lib/demo-credentials";
import { superviseServer } from "./lib/supervise";

const root = path.resolve(import.meta.dirname, "..");
const env = loadEnvOrExit();
const log = logger();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// The web server never needs the first-admin bootstrap password: keep it out of its environment.
const { DEFAULT_ADMIN_EMAIL: _email, DEFAULT_ADMIN_PASSWORD: _password, ...inheritedEnv } = process.env;
const childEnv = { ...inheritedEnv, NEXT_TELEMETRY_DISABLED: "1" };

if (needsBuild(root)) {
  log.info("building Preflight (first start or changed sources)…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, stdio: "inherit", env: childEnv });
  if (build.status !== 0) exitWith("The build failed; see the output above.");
}

const authSecret = env.AUTH_SECRET ?? loadLocalSecrets(env.DATA_DIR).authSecret;
const database = await acquireDatabase(env, (line) => log.debug({ postgres: line }));
log.info(`database: ${database.description}`);

try {
  const result = await migrate(database.url);
  if (result.applied.length) log.info({ applied: result.applied }, "migrations applied");
  const prisma = createPrismaClient(database.url, { max: 2 });
  const seeded = await firstAdminThenSeed(prisma).finally(() => prisma.$disconnect());
  if (seeded.templateCreated) log.info("seeded the reference template");
  printDemoCredentials(seeded.demoUsers);
} catch (error) {
  await database.release();
  if (error instanceof MigrationError) exitWith(error.message);
  throw error;
}

async function firstAdminThenSeed(prisma: PrismaClient) {
  // Before the seed: on a fresh local database the configured admin is created even though
  // the seed's demo admin follows.
  const line = firstAdminLogLine(await ensureFirstAdmin(firstAdminConfig(env), { db: prisma }), env);
  if (line) log[line.level](line.message);
  return seedDatabase({ mode: env.APP_ENV }, { db: prisma });
}

const publicUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
const server = spawn(
  process.execPath,
  [
    path.join(root, "scripts", "serve.mjs"),
    ...["--port", String(env.PORT), "--hostname", env.HOST, "--trusted-proxies", String(env.TRUSTED_PROXIES)],
  ],
  {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...childEnv,
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      AUTH_SECRET: authSecret,
      NEXTAUTH_SECRET: authSecret,
      // With APP_URL, next-auth builds every link (sign-out's redirect too) on it. Without
      // (local mode), on the Host this request came in on: serve.mjs has dropped any
      // X-Forwarded-Host a client sent, so that is the host the browser really used.
      ...(env.APP_URL ? { NEXTAUTH_URL: env.APP_URL } : { AUTH_TRUST_HOST: "true" }),
    },
  },
);

// Line by line: on a terminal the server's JSON log lines are shown as readable as ours.
const relay = relayedLogLine();
createInterface({ input: server.stdout }).on("line", (line) => {
  process.stdout.write(relay(line));
  if (line.startsWith("Ready on")) log.info(`Preflight is ready at ${publicUrl}`);
});

superviseServer(server, (code, signal) => {
  log.error({ code, signal }, "the web server stopped");
  void database.release().finally(() => process.exit(code ?? 1));
});
