// The start command's configuration check, as a user meets it: a real process.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    env: { NODE_ENV: "production", PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("npm start in production mode", () => {
  it("exits 1 with one line naming a missing secret, before touching anything", () => {
    const result = start({
      APP_ENV: "production",
      DATABASE_URL: "postgresql://127.0.0.1:1/none",
      APP_URL: "https://preflight.example",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Configuration error: AUTH_SECRET is required when APP_ENV=production.");
    expect(result.stdout).toBe("");
  });

  it("exits 1 naming a malformed DATABASE_URL", () => {
    const result = start({
      APP_ENV: "production",
      DATABASE_URL: "not a url",
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "https://preflight.example",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe("Configuration error: DATABASE_URL must be a postgresql:// connection URL.");
  });

  it("exits 1 with one line when production has no attestation signing key", () => {
    const result = start({
      APP_ENV: "production",
      DATABASE_URL: "postgresql://127.0.0.1:1/none",
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "https://preflight.example",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      "Configuration error: ATTESTATION_SIGNING_KEY is required when APP_ENV=production (an Ed25519 private key, PEM or base64: `openssl genpkey -algorithm ed25519`).",
    );
    expect(result.stdout).toBe("");
  });

  it("exits 1 naming a malformed ATTESTATION_SIGNING_KEY", () => {
    const result = start({
      APP_ENV: "production",
      DATABASE_URL: "postgresql://127.0.0.1:1/none",
      AUTH_SECRET: "x".repeat(40),
      APP_URL: "https://preflight.example",
      ATTESTATION_SIGNING_KEY: "not a key!",
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^Configuration error: ATTESTATION_SIGNING_KEY is neither PEM nor base64 \([^\n]+\)\.$/,
    );
  });
});
