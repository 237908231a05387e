// How a refused sign-in attempt (429) travels to the sign-in form: next-auth's signIn()
// hands the form only the response's status and the `error` of the URL in its body, so the
// limit and its wait are written into that code. Shared by the route and the form.

export type SignInLimitScope = "account" | "address";
export type SignInLimit = { scope: SignInLimitScope; retryAfterSeconds: number };

const PREFIX = "TooManyAttempts";

/** Whole seconds of a wait, at least 1: what Retry-After says. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

export function limitErrorCode(limit: SignInLimit): string {
  return `${PREFIX}:${limit.scope}:${limit.retryAfterSeconds}`;
}

export function parseLimitErrorCode(code: string | null | undefined): SignInLimit | null {
  const match = /^TooManyAttempts:(account|address):(\d{1,6})$/.exec(code ?? "");
  if (!match) return null;
  return { scope: match[1] as SignInLimitScope, retryAfterSeconds: Math.max(1, Number(match[2])) };
}

export function limitMessage(limit: SignInLimit): string {
  const wait = `try again in ${limit.retryAfterSeconds} s.`;
  return limit.scope === "account"
    ? `Too many failed attempts for this account; ${wait}`
    : `Too many failed attempts from your network; ${wait}`;
}
