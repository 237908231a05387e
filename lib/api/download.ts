// File downloads for signed-in people (CSV and Markdown exports): the same refusals as the
// API's JSON routes, so a link that fails says why, and nothing a download returns is kept
// in a shared cache.
import "server-only";
import type { z } from "zod";
import { parseInput } from "@/lib/actions/parse-input";
import { jsonError, respond } from "@/lib/api/route";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { isPlausibleId } from "@/lib/validation";

export type DownloadFile = { body: string; filename: string; contentType: string };

export type DownloadSpec<P extends Record<string, string>, S extends z.ZodType> = {
  /** The route's path parameters, all ids: one that cannot be an id is a 404. */
  params?: Promise<P>;
  /** The query string's schema: a bad value is a 400 naming it. */
  query: S;
  /** What a 404 says when the file's subject does not exist. */
  notFound: string;
};

/** A download: signed in (401 otherwise) → path ids → query parsed with its schema → the
 * file, or null for a 404. Failures are answered as the API answers them (respond). */
export async function handleDownload<P extends Record<string, string>, S extends z.ZodType>(
  request: Request,
  spec: DownloadSpec<P, S>,
  read: (input: { params: P; query: z.infer<S>; user: CurrentUser; url: URL }) => Promise<DownloadFile | null>,
): Promise<Response> {
  return respond(async () => {
    const user = await getCurrentUser();
    if (!user) return jsonError(401, "Sign in to continue.");
    const params = spec.params ? await spec.params : ({} as P);
    if (!Object.values(params).every(isPlausibleId)) return jsonError(404, spec.notFound);
    const url = new URL(request.url);
    const query = parseInput(spec.query, Object.fromEntries(url.searchParams));
    const file = await read({ params, query, user, url });
    if (!file) return jsonError(404, spec.notFound);
    return new Response(file.body, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": contentDisposition(file.filename),
        "Cache-Control": "no-store",
      },
    });
  }, "Something went wrong on our side; the file could not be made.");
}

/** `attachment` with the name as given when it is plain ASCII, else an ASCII stand-in plus
 * the exact name in RFC 5987 form (a quote or a non-ASCII letter would break the header). */
export function contentDisposition(filename: string): string {
  if (/^[\x20-\x7e]+$/.test(filename) && !/["\\]/.test(filename)) return `attachment; filename="${filename}"`;
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
