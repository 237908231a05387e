import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const complete = {
  OIDC_ISSUER: "https://id.example.com/realms/team/",
  OIDC_CLIENT_ID: "preflight",
  OIDC_CLIENT_SECRET: "s3cret",
};

describe("OpenID Connect settings", () => {
  it("are off when unset, with a default role and button name", () => {
    const env = parseEnv({});
    expect(env.OIDC_ISSUER).toBeUndefined();
    expect(env).toMatchObject({ OIDC_DEFAULT_ROLE: "VIEWER", OIDC_NAME: "Single sign-on" });
  });

  it("accept all three together, the issuer without its trailing slash", () => {
    const env = parseEnv({ ...complete, OIDC_DEFAULT_ROLE: "ENGINEER", OIDC_NAME: "Acme SSO" });
    expect(env).toMatchObject({
      OIDC_ISSUER: "https://id.example.com/realms/team",
      OIDC_CLIENT_ID: "preflight",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_DEFAULT_ROLE: "ENGINEER",
      OIDC_NAME: "Acme SSO",
    });
  });

  it.each(["http://127.0.0.1:4000", "http://localhost:4000/", "http://[::1]:4000"])(
    "accept http only on loopback (%s)",
    (issuer) => {
      expect(parseEnv({ ...complete, OIDC_ISSUER: issuer }).OIDC_ISSUER).toBe(issuer.replace(/\/$/, ""));
    },
  );

  it.each([
    [
      { OIDC_ISSUER: complete.OIDC_ISSUER },
      "Configuration error: OIDC_CLIENT_ID is required when OIDC_ISSUER is set (give all of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or none).",
    ],
    [
      { OIDC_ISSUER: complete.OIDC_ISSUER, OIDC_CLIENT_ID: "preflight" },
      "Configuration error: OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set",
    ],
    [
      { OIDC_CLIENT_ID: "preflight", OIDC_CLIENT_SECRET: "s3cret" },
      "Configuration error: OIDC_ISSUER is required when OIDC_CLIENT_ID is set",
    ],
    [
      { ...complete, OIDC_ISSUER: "http://id.example.com" },
      "Configuration error: OIDC_ISSUER must be an https URL (http only on a loopback address).",
    ],
    [{ ...complete, OIDC_ISSUER: "not a url" }, "Configuration error: OIDC_ISSUER must be an http(s) URL."],
    [
      { ...complete, OIDC_DEFAULT_ROLE: "OWNER" },
      "Configuration error: OIDC_DEFAULT_ROLE must be one of ADMIN, MANAGER, REVIEWER, ENGINEER, VIEWER.",
    ],
  ])("refuse %o with one line naming the variable", (source, message) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(message);
  });
});
