const BASE = "http://preflight.invalid";

/** Where to go after sign-in: only a path on this site, never another origin. */
export function safeCallbackPath(value: string | string[] | undefined): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  if (!candidate) return "/";
  try {
    const url = new URL(candidate, BASE);
    if (url.origin !== BASE || url.pathname.startsWith("/sign-in")) return "/";
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Resolving dot segments ("/.//x", "/a/..//x", "/%2e//x") can leave "//host", which a
    // browser reads as another origin: the path we send must resolve to this site again.
    if (path.startsWith("//") || new URL(path, BASE).origin !== BASE) return "/";
    return path;
  } catch {
    return "/";
  }
}
