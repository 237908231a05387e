import { execFileSync } from "node:child_process";
import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { keyIdOf, preAuthEncoding, publicKeyPemOf, signEnvelope, verifyEnvelope, type DsseEnvelope } from "./dsse";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const keyid = keyIdOf(publicKey);
const keys = new Map([[keyid, publicKey]]);
const payloadType = "application/vnd.in-toto+json";
const payload = Buffer.from(JSON.stringify({ hello: "wörld" }));

describe("preAuthEncoding", () => {
  it("matches the DSSE specification's test vector", () => {
    expect(preAuthEncoding("http://example.com/HelloWorld", Buffer.from("hello world")).toString()).toBe(
      "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
    );
  });

  it("counts bytes, not characters", () => {
    expect(preAuthEncoding("t/é", Buffer.from("ü")).toString()).toBe("DSSEv1 4 t/é 2 ü");
  });
});

describe("keyIdOf", () => {
  it("is ed25519: and the first 16 hex digits of sha256 over the SPKI DER, the same for either half of the pair", () => {
    const der = publicKey.export({ type: "spki", format: "der" });
    expect(keyid).toBe(`ed25519:${createHash("sha256").update(der).digest("hex").slice(0, 16)}`);
    expect(keyIdOf(privateKey)).toBe(keyid);
    expect(publicKeyPemOf(privateKey)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });
});

describe("signEnvelope and verifyEnvelope", () => {
  const envelope = signEnvelope(payloadType, payload, privateKey, keyid);

  it("signs into the DSSE JSON envelope and verifies it", () => {
    expect(envelope).toEqual({
      payloadType,
      payload: payload.toString("base64"),
      signatures: [{ keyid, sig: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) }],
    });
    const result = verifyEnvelope(JSON.parse(JSON.stringify(envelope)), keys);
    expect(result).toMatchObject({ ok: true, keyid, payloadType });
    expect(result.ok && result.payload.equals(payload)).toBe(true);
  });

  it("accepts URL-safe base64, which DSSE allows", () => {
    const urlSafe = {
      ...envelope,
      signatures: [{ keyid, sig: envelope.signatures[0]!.sig.replace(/\+/g, "-").replace(/\//g, "_") }],
    };
    expect(verifyEnvelope(urlSafe, keys).ok).toBe(true);
  });

  it("refuses one changed byte of the payload as a bad signature", () => {
    const changed = Buffer.from(payload);
    changed[2] = changed[2]! ^ 1;
    expect(verifyEnvelope({ ...envelope, payload: changed.toString("base64") }, keys)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^bad signature: the signature by key ed25519:[0-9a-f]{16} does not match/),
    });
  });

  it("refuses a changed payload type: it is signed too", () => {
    expect(verifyEnvelope({ ...envelope, payloadType: "application/json" }, keys)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^bad signature/),
    });
  });

  it("names an unknown key id, and does not try other keys", () => {
    const other = generateKeyPairSync("ed25519").publicKey;
    const result = verifyEnvelope(envelope, new Map([[keyIdOf(other), other]]));
    expect(result).toEqual({ ok: false, reason: `unknown key id ${keyid}: none of the given public keys has this id` });
  });

  it("refuses a signature by another key under this key's id", () => {
    const forged = signEnvelope(payloadType, payload, generateKeyPairSync("ed25519").privateKey, keyid);
    expect(verifyEnvelope(forged, keys)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^bad signature/),
    });
  });

  it.each<[string, unknown, string]>([
    ["not an object", "x", "not a JSON object"],
    ["without a payload", { payloadType, signatures: envelope.signatures }, "payload is missing or not a string"],
    ["with a payload that is not base64", { ...envelope, payload: "***" }, "payload is not base64"],
    ["without signatures", { ...envelope, signatures: [] }, "it has no signatures"],
    ["with a signature without sig", { ...envelope, signatures: [{ keyid }] }, "signature 1 has no sig string"],
  ])("calls an envelope %s malformed", (_name, value, reason) => {
    expect(verifyEnvelope(value, keys)).toEqual({ ok: false, reason: `malformed envelope: ${reason}` });
  });

  it("refuses a key that is not Ed25519 for signing", () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    expect(() => signEnvelope(payloadType, payload, rsa, "x")).toThrow(/Ed25519/);
  });
});

describe("the same check with openssl, no project code in the verification path", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "preflight-dsse-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function opensslVerifies(envelope: DsseEnvelope, publicKeyPem: string): boolean {
    // The PAE is rebuilt by hand from the envelope's fields, as the docs tell an auditor to.
    const body = Buffer.from(envelope.payload, "base64");
    const type = Buffer.from(envelope.payloadType);
    writeFileSync(
      path.join(dir, "pae.bin"),
      Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]),
    );
    writeFileSync(path.join(dir, "sig.bin"), Buffer.from(envelope.signatures[0]!.sig, "base64"));
    writeFileSync(path.join(dir, "key.pem"), publicKeyPem);
    try {
      execFileSync(
        "openssl",
        ["pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin", "-in", "pae.bin", "-sigfile", "sig.bin"],
        {
          cwd: dir,
          stdio: "pipe",
        },
      );
      return true;
    } catch {
      return false;
    }
  }

  it("verifies a signature made here, and refuses it over a changed payload", () => {
    const envelope = signEnvelope(payloadType, payload, privateKey, keyid);
    expect(opensslVerifies(envelope, publicKeyPemOf(publicKey))).toBe(true);
    expect(
      opensslVerifies({ ...envelope, payload: Buffer.from("{}").toString("base64") }, publicKeyPemOf(publicKey)),
    ).toBe(false);
  });
});
