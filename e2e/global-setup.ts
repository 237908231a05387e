// Starts Preflight on a fresh data folder, reads the demo credentials it prints once, stops
// it and starts it again (the suite then proves the data survived), and leaves it running.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { startOidcProvider } from "./oidc-provider";
import { E2E_BASE_URL, E2E_DATA_DIR, E2E_STATE_FILE, parseCredentials, startPreflight } from "./server";

export type E2EState = { credentials: ReturnType<typeof parseCredentials>; credentialsPrintedOnRestart: number };

export default async function globalSetup() {
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DATA_DIR, { recursive: true });

  // The SSO spec's OpenID Connect provider, on loopback for the whole run (e2e/sso.spec.ts).
  const sso = await startOidcProvider({ redirectUri: `${E2E_BASE_URL}/api/auth/callback/oidc` });
  const serverEnv = {
    OIDC_ISSUER: sso.issuer,
    OIDC_CLIENT_ID: sso.clientId,
    OIDC_CLIENT_SECRET: sso.clientSecret,
    OIDC_NAME: "Test SSO",
    // The webhook and jobs specs deliver to a receiver on loopback (e2e/outbound.spec.ts starts
    // its own server without this and sees such a URL refused).
    ALLOW_PRIVATE_OUTBOUND: "true",
  };

  const first = await startPreflight(serverEnv);
  const credentials = parseCredentials(first.output());
  await first.stop();
  if (credentials.length === 0) throw new Error(`No demo credentials were printed:\n${first.output()}`);

  const server = await startPreflight(serverEnv);
  const state: E2EState = { credentials, credentialsPrintedOnRestart: parseCredentials(server.output()).length };
  writeFileSync(E2E_STATE_FILE, JSON.stringify(state));

  return async () => {
    await server.stop();
    await sso.stop();
  };
}
