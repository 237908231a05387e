// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the handlers' zod schemas.
// Public: it describes the API, it reveals no data.
import { handleApiPublic, json } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/v1/openapi";

export const dynamic = "force-dynamic";

let document: ReturnType<typeof openApiDocument> | undefined;

export async function GET(request: Request): Promise<Response> {
  return handleApiPublic(request, () => {
    document ??= openApiDocument();
    return json(document);
  });
}
