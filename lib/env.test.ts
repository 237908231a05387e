import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const secret = "s".repeat(32);
const signingKey = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

describe("parseEnv", () => {
  it("defaults to local mode with nothing set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      APP_ENV: "local",
      PORT: 3000,
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      DATA_DIR: ".data",
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("gives the import's parse 5 s by default and refuses a limit that is not a sane whole number", () => {
    expect(parseEnv({}).IMPORT_PARSE_TIMEOUT_MS).toBe(5000);
    expect(parseEnv({ IMPORT_PARSE_TIMEOUT_MS: "20000" }).IMPORT_PARSE_TIMEOUT_MS).toBe(20000);
    expect(() => parseEnv({ IMPORT_PARSE_TIMEOUT_MS: "5s" })).toThrow(
      "Configuration error: IMPORT_PARSE_TIMEOUT_MS must be a whole number of milliseconds.",
    );
    expect(() => parseEnv({ IMPORT_PARSE_TIMEOUT_MS: "10" })).toThrow(
      "Configuration error: IMPORT_PARSE_TIMEOUT_MS must be at least 100.",
    );
  });

  it("API rate limits (#18 point 9): 600 and 6000 a minute by default, 0 turns one off, a bad value names it", () => {
    expect(parseEnv({})).toMatchObject({ API_RATE_LIMIT: 600, GATE_RATE_LIMIT: 6000 });
    expect(parseEnv({ API_RATE_LIMIT: "0", GATE_RATE_LIMIT: "20000" })).toMatchObject({
      API_RATE_LIMIT: 0,
      GATE_RATE_LIMIT: 20000,
    });
    expect(() => parseEnv({ API_RATE_LIMIT: "-1" })).toThrow(
      "Configuration error: API_RATE_LIMIT must be 0 (off) or more.",
    );
    expect(() => parseEnv({ GATE_RATE_LIMIT: "lots" })).toThrow(
      "Configuration error: GATE_RATE_LIMIT must be a whole number of requests a minute (0 turns the limit off).",
    );
    expect(() => parseEnv({ API_RATE_LIMIT: "1.5" })).toThrow(
      "Configuration error: API_RATE_LIMIT must be a whole number",
    );
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", AUTH_SECRET: "" }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [
      { APP_ENV: "production", DATABASE_URL: "postgresql://db/app", APP_URL: "https://preflight.example" },
      "AUTH_SECRET",
    ],
    [{ APP_ENV: "production", AUTH_SECRET: secret, APP_URL: "https://preflight.example" }, "DATABASE_URL"],
    [{ APP_ENV: "production", AUTH_SECRET: secret, DATABASE_URL: "postgresql://db/app" }, "APP_URL"],
  ])("in production refuses a missing required variable (%o → %s)", (source, variable) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(`Configuration error: ${variable} is required when APP_ENV=production.`);
  });

  it("in production refuses to start without an attestation signing key, saying how to make one", () => {
    const source = {
      APP_ENV: "production",
      AUTH_SECRET: secret,
      DATABASE_URL: "postgresql://db/app",
      APP_URL: "https://p.example",
    };
    expect(() => parseEnv(source)).toThrow(
      "Configuration error: ATTESTATION_SIGNING_KEY is required when APP_ENV=production (an Ed25519 private key, PEM or base64: `openssl genpkey -algorithm ed25519`).",
    );
    expect(parseEnv({ ...source, ATTESTATION_SIGNING_KEY: signingKey }).ATTESTATION_SIGNING_KEY).toBe(signingKey);
  });

  it.each([
    [{ APP_ENV: "staging" }, "APP_ENV"],
    [{ DATABASE_URL: "mysql://db/app" }, "DATABASE_URL"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ PORT: "70000" }, "PORT"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ APP_URL: "ftp://example" }, "APP_URL"],
  ])("names a malformed variable (%o → %s)", (source, variable) => {
    expect(() => parseEnv(source)).toThrow(new RegExp(`^Configuration error: ${variable} `));
  });

  it("binds to every interface in production and loopback locally", () => {
    const production = parseEnv({
      APP_ENV: "production",
      AUTH_SECRET: secret,
      DATABASE_URL: "postgresql://db/app",
      APP_URL: "https://p.example",
      ATTESTATION_SIGNING_KEY: signingKey,
    });
    expect(production.HOST).toBe("0.0.0.0");
  });

  describe("first admin", () => {
    it("accepts both settings together, the email lower-cased", () => {
      const env = parseEnv({ DEFAULT_ADMIN_EMAIL: " Root@Example.COM ", DEFAULT_ADMIN_PASSWORD: "twelve chars" });
      expect(env.DEFAULT_ADMIN_EMAIL).toBe("root@example.com");
      expect(env.DEFAULT_ADMIN_PASSWORD).toBe("twelve chars");
    });

    it("accepts neither", () => {
      expect(parseEnv({}).DEFAULT_ADMIN_EMAIL).toBeUndefined();
    });

    it.each([
      [
        { DEFAULT_ADMIN_EMAIL: "root@example.com" },
        "Configuration error: DEFAULT_ADMIN_PASSWORD is required when DEFAULT_ADMIN_EMAIL is set (give both or neither).",
      ],
      [
        { DEFAULT_ADMIN_PASSWORD: "a long enough password" },
        "Configuration error: DEFAULT_ADMIN_EMAIL is required when DEFAULT_ADMIN_PASSWORD is set (give both or neither).",
      ],
      [
        { DEFAULT_ADMIN_EMAIL: "not-an-email", DEFAULT_ADMIN_PASSWORD: "a long enough password" },
        "Configuration error: DEFAULT_ADMIN_EMAIL must be an email address.",
      ],
      [
        { DEFAULT_ADMIN_EMAIL: "root@example.com", DEFAULT_ADMIN_PASSWORD: "short" },
        "Configuration error: DEFAULT_ADMIN_PASSWORD must be at least 12 characters.",
      ],
    ])("refuses %o with one clear line", (source, message) => {
      expect(() => parseEnv(source)).toThrow(EnvError);
      expect(() => parseEnv(source)).toThrow(message);
    });
  });

  it("parses CORS_ORIGINS and refuses a wildcard in production", () => {
    expect(parseEnv({ CORS_ORIGINS: "https://ci.example.com,http://localhost:8080" }).CORS_ORIGINS).toEqual([
      "https://ci.example.com",
      "http://localhost:8080",
    ]);
    expect(parseEnv({}).CORS_ORIGINS).toEqual([]);
    expect(parseEnv({ CORS_ORIGINS: "*" }).CORS_ORIGINS).toEqual(["*"]);
    expect(() => parseEnv({ CORS_ORIGINS: "https://ci.example.com/x" })).toThrow(
      /^Configuration error: CORS_ORIGINS has “https:\/\/ci.example.com\/x”/,
    );
    const production = {
      APP_ENV: "production",
      AUTH_SECRET: secret,
      DATABASE_URL: "postgresql://db/app",
      APP_URL: "https://p.example",
      ATTESTATION_SIGNING_KEY: signingKey,
    };
    expect(() => parseEnv({ ...production, CORS_ORIGINS: "*" })).toThrow(
      "Configuration error: CORS_ORIGINS must list origins; a wildcard is refused when APP_ENV=production.",
    );
    expect(parseEnv({ ...production, CORS_ORIGINS: "https://ci.example.com" }).CORS_ORIGINS).toEqual([
      "https://ci.example.com",
    ]);
  });
});
