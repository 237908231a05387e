// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the handlers' zod schemas.
// Public: it describes the API, it reveals no data.
import { json } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof openApiDocument> | undefined;

// eslint-disable-next-line @typescript-eslint/require-await -- the OpenAPI and fuzz tests find handlers by `export async function <METHOD>`
export async function GET(): Promise<Response> {
  document ??= openApiDocument();
  return json(document);
}
