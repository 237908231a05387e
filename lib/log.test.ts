// Readable lines on a terminal in local mode, JSON otherwise and always in production. The
// terminal is a real pseudo-terminal: util-linux's `script` runs a small program that logs
// through lib/log.ts (the start script logs and relays the server's lines the same way).
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const production = {
  APP_ENV: "production",
  DATABASE_URL: "postgresql://preflight@127.0.0.1:5432/preflight",
  AUTH_SECRET: "a-secret-of-at-least-thirty-two-characters",
  APP_URL: "https://preflight.example.test",
  ATTESTATION_SIGNING_KEY: generateKeyPairSync("ed25519")
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString(),
};
let folder = "";
let program = "";

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "preflight-log-"));
  program = path.join(folder, "log-lines.mjs");
  const log = pathToFileURL(path.join(root, "lib/log.ts")).href;
  writeFileSync(
    program,
    `const { logger, relayedLogLine } = await import(${JSON.stringify(log)});
logger().info({ deployment: "d-1" }, "own line");
const relay = relayedLogLine();
process.stdout.write(relay(JSON.stringify({ level: 40, time: Date.now(), msg: "relayed line" })));
process.stdout.write(relay("plain server line"));
`,
  );
  expect(spawnSync("script", ["--version"]).error, "util-linux `script` (Debian: bsdutils) is needed").toBeUndefined();
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(how: "terminal" | "pipe", env: Record<string, string>) {
  const command = `${process.execPath} --conditions=react-server --import tsx '${program}'`;
  const [file, args] = how === "terminal" ? ["script", ["-qfec", command, "/dev/null"]] : ["sh", ["-c", command]];
  const result = spawnSync(file, args, {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout
    .replace(/\u001b\[[0-9;]*m/g, "")
    .replace(/\r/g, "")
    .trim()
    .split("\n");
}

const jsonLines = (lines: string[]) => lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
// The logger and the relay write through different streams: their order is not asserted.
const ownAndRelayedJson = [
  expect.objectContaining({ level: 30, app: "preflight", deployment: "d-1", msg: "own line" }),
  expect.objectContaining({ level: 40, msg: "relayed line" }),
];

describe("log lines", () => {
  it("are readable on a terminal in local mode, the relayed server's lines too", () => {
    const lines = run("terminal", { APP_ENV: "local" });
    expect(jsonLines(lines)).toEqual([]);
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: own line$/.test(line))).toBe(true);
    expect(lines).toContain('    deployment: "d-1"');
    expect(lines.some((line) => /^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: relayed line$/.test(line))).toBe(true);
    expect(lines).toContain("plain server line");
  }, 60_000);

  it("are JSON when piped in local mode", () => {
    const lines = run("pipe", { APP_ENV: "local" });
    expect(jsonLines(lines)).toHaveLength(2);
    expect(jsonLines(lines)).toEqual(expect.arrayContaining(ownAndRelayedJson));
    expect(lines).toContain("plain server line");
  }, 60_000);

  it("are JSON in production, on a terminal too", () => {
    const lines = run("terminal", production);
    expect(jsonLines(lines)).toHaveLength(2);
    expect(jsonLines(lines)).toEqual(expect.arrayContaining(ownAndRelayedJson));
  }, 60_000);
});
