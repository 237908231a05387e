import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { keyIdOf } from "./dsse";
import { parsePublicKeyPem, parseSigningKey } from "./key-format";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const der = privateKey.export({ type: "pkcs8", format: "der" });
const rsaPem = generateKeyPairSync("rsa", { modulusLength: 1024 })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

describe("parseSigningKey", () => {
  it.each([
    ["PEM", pem],
    ["base64 of the PEM", Buffer.from(pem).toString("base64")],
    ["base64 of the DER", der.toString("base64")],
    ["PEM with surrounding blank lines", `\n${pem}\n`],
  ])("reads %s", (_name, value) => {
    const parsed = parseSigningKey(value);
    expect("key" in parsed && keyIdOf(parsed.key)).toBe(keyIdOf(publicKey));
  });

  it.each<[string, string, RegExp]>([
    ["text that is neither PEM nor base64", "not a key!", /^is neither PEM nor base64/],
    ["base64 of something else", Buffer.from("hello").toString("base64"), /^is not a readable private key/],
    ["an RSA key", rsaPem, /^is not an Ed25519 key but RSA/],
  ])("refuses %s, saying what is wrong", (_name, value, problem) => {
    const parsed = parseSigningKey(value);
    expect("problem" in parsed && parsed.problem).toMatch(problem);
  });
});

describe("parsePublicKeyPem", () => {
  it("reads an Ed25519 SPKI PEM and refuses anything else", () => {
    const spki = publicKey.export({ type: "spki", format: "pem" }).toString();
    expect("key" in parsePublicKeyPem(spki)).toBe(true);
    expect(parsePublicKeyPem("nope")).toEqual({ problem: expect.stringMatching(/not a readable public key/) });
  });
});

describe("ATTESTATION_SIGNING_KEY in the environment", () => {
  it("is accepted as given and refused, named, when malformed", () => {
    expect(parseEnv({ ATTESTATION_SIGNING_KEY: pem }).ATTESTATION_SIGNING_KEY).toBe(pem);
    expect(() => parseEnv({ ATTESTATION_SIGNING_KEY: rsaPem })).toThrow(
      /^Configuration error: ATTESTATION_SIGNING_KEY is not an Ed25519 key but RSA \(give an Ed25519 private key as PKCS#8 PEM, or base64 of that PEM or of its DER\)\.$/,
    );
  });
});
