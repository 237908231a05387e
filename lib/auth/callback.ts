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

/**
 * next-auth's redirect callback: where to go after signing in or out. A URL on this site
 * (a path, or absolute with this origin) is kept; another origin, a path that resolves to
 * one, or text that is no URL at all (`http://[`, a stray `%`) gives the site's home.
 * next-auth's default calls `new URL()` on it unguarded, which answered 500.
 */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    const path = `${target.pathname}${target.search}${target.hash}`;
    // The same "//host" check as safeCallbackPath: the path must resolve to this site again.
    if (target.origin !== base.origin || path.startsWith("//") || new URL(path, base).origin !== base.origin)
      return baseUrl;
    // A malformed escape ("/%", "/%zz") throws here: a page no one can open is no target.
    decodeURI(path);
    return `${base.origin}${path}`;
  } catch {
    return baseUrl;
  }
}
