// Signing a sign-off: the statement, serialized once, in a DSSE envelope. Pure; the key
// comes from keys.ts (currentSigningKey) so this runs inside the approval's transaction.
import type { KeyObject } from "node:crypto";
import { signEnvelope, type DsseEnvelope } from "./dsse";
import {
  buildSignOffStatement,
  IN_TOTO_PAYLOAD_TYPE,
  serializeStatement,
  type SignOffStatement,
  type SignOffStatementInput,
} from "./statement";

export type SignOffAttestation = { statement: SignOffStatement; envelope: DsseEnvelope; keyid: string };

export function attestSignOff(
  input: SignOffStatementInput,
  key: { keyid: string; privateKey: KeyObject },
): SignOffAttestation {
  const statement = buildSignOffStatement(input);
  const envelope = signEnvelope(IN_TOTO_PAYLOAD_TYPE, serializeStatement(statement), key.privateKey, key.keyid);
  return { statement, envelope, keyid: key.keyid };
}
