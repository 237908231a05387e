// Secrets that local mode generates on first start and keeps in the data folder, so a
// laptop needs no configuration and a restart keeps sessions and the database password.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const secretsSchema = z.object({
  authSecret: z.string().min(32),
  postgresPassword: z.string().min(16),
});

export type LocalSecrets = z.infer<typeof secretsSchema>;

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const parsed = secretsSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (parsed.success) return parsed.data;
    throw new Error(`${file} is damaged; delete it (and ${path.join(dataDir, "postgres")}) to start afresh.`);
  }
  const secrets: LocalSecrets = {
    authSecret: randomBytes(32).toString("base64url"),
    postgresPassword: randomBytes(18).toString("base64url"),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  return secrets;
}
