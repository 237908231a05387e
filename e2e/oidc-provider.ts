// A real OpenID Connect provider (npm oidc-provider) on a free loopback port, for the SSO
// spec: one confidential client for Preflight, its built-in development login and consent
// pages, and accounts made up from the login name typed there (see ssoAccount).
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export const SSO_CLIENT_ID = "preflight-e2e";
/** The login name whose account has no email claim: Preflight must refuse it. */
export const SSO_LOGIN_WITHOUT_EMAIL = "no-email";

export type SsoAccount = { sub: string; email?: string; email_verified?: boolean; name: string };

/** Any login name is an account: `<login>@sso.example.test`, verified, named after it. */
export function ssoAccount(login: string): SsoAccount {
  if (login === SSO_LOGIN_WITHOUT_EMAIL) return { sub: login, name: "No Email" };
  return { sub: login, email: `${login}@sso.example.test`, email_verified: true, name: `SSO ${login}` };
}

export type RunningOidcProvider = { issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> };

export async function startOidcProvider(options: { redirectUri: string }): Promise<RunningOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientSecret = randomBytes(24).toString("hex");
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SSO_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // next-auth reads the person from the ID token (idToken: true), as most providers allow.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [{ ...signingKey, kid: "e2e", alg: "RS256", use: "sig" }] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ssoAccount(id) }),
    // Explicit lifetimes (seconds), so the provider does not warn about its defaults.
    ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
  });
  // The development pages import a web font (no internet here) and the browser asks for a
  // favicon the provider does not have: either failure would be a console error.
  provider.use(async (ctx, next) => {
    if (ctx.path === "/favicon.ico") {
      ctx.status = 204;
      return;
    }
    await next();
    if (typeof ctx.body === "string" && ctx.type === "text/html")
      ctx.body = ctx.body.replace(/@import url\([^)]*\);/g, "");
  });
  server.on("request", provider.callback());

  return { issuer, clientId: SSO_CLIENT_ID, clientSecret, stop: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
