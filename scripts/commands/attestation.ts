// `npm run cli -- attestation verify <attestation.json> --key <keys.json | PEM file | URL> [--record record.json]`:
// checks a sign-off's attestation with no database: the DSSE signature under the key its key
// id names and, with --record, that the record's item states hash to the approved digest.
// `npm run cli -- attestation rotate-key` (local mode): a new signing key; the old public
// key is retired but stays listed. See docs/decisions/0012-attestations.md.
import { readFileSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import type { PrismaClient } from "@/lib/db/client";
import { rotateSigningKey } from "@/lib/attestations/keys";
import { formatVerified, readPublicKeys, verifySignOffAttestation } from "@/lib/attestations/verify";
import { exitWith } from "../lib/bootstrap";

export const attestationCommands = ["verify", "rotate-key"] as const;
export type AttestationCommand = (typeof attestationCommands)[number];
type WithPrisma = <T>(task: (prisma: PrismaClient) => Promise<T>) => Promise<T>;

export function isAttestationCommand(command: string | undefined): command is AttestationCommand {
  return attestationCommands.includes(command as AttestationCommand);
}

/** Returns the exit code for process.exit. */
export async function attestationCommand(
  command: AttestationCommand,
  options: { file?: string; key?: string; record?: string },
  withPrisma: WithPrisma,
): Promise<number> {
  if (command === "rotate-key") {
    const { current, retired } = await withPrisma((prisma) => rotateSigningKey(prisma));
    const old = retired.length ? `; retired ${retired.join(", ")} (still listed, so older attestations verify)` : "";
    console.log(`attestation signing key is now ${current}${old}`);
    return 0;
  }
  const usage =
    "Usage: npm run cli -- attestation verify <attestation.json> --key <keys.json | PEM file | URL> [--record record.json]";
  if (!options.file) exitWith(`Name the attestation file to verify.\n${usage}`, 2);
  if (!options.key) exitWith(`--key: give the public keys (keys.json, a PEM file or a URL).\n${usage}`, 2);
  const envelope = readJson(options.file, "attestation");
  const keys = await loadKeys(options.key);
  const record = options.record === undefined ? undefined : readJson(options.record, "record");
  const check = verifySignOffAttestation(envelope, keys, record);
  if (!check.ok) exitWith(`attestation NOT verified: ${check.reason}`);
  console.log(formatVerified(check));
  return 0;
}

async function loadKeys(source: string): Promise<Map<string, KeyObject>> {
  const text = /^https?:\/\//i.test(source) ? await fetchText(source) : readText(source, "key");
  const read = readPublicKeys(text);
  if ("problem" in read) exitWith(`attestation NOT verified: ${read.problem} (${source})`);
  return read.keys;
}

async function fetchText(url: string): Promise<string> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(15_000), headers: { accept: "application/json" } });
    if (!response.ok) exitWith(`Cannot fetch the keys from ${url}: HTTP ${response.status}.`);
    return await response.text();
  } catch (error) {
    exitWith(`Cannot fetch the keys from ${url}: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    exitWith(`Cannot read the ${what} file ${file}.`);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    exitWith(`attestation NOT verified: the ${what} file ${file} is not JSON.`);
  }
}
