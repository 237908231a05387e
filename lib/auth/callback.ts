/** Where to go after sign-in: only a path on this site, never another origin. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate) return "/";
  try {
    const url = new URL(candidate, "http://preflight.invalid");
    if (url.origin !== "http://preflight.invalid" || url.pathname.startsWith("/sign-in")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}
