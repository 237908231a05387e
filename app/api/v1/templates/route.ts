// GET /api/v1/templates — the templates a deployment can be created from, each with its latest version.
import { handleApiRead } from "@/lib/api/route";
import { listTemplatesForApi } from "@/lib/templates/list-templates-api";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return handleApiRead(request, { scope: "READ" }, (query, caller) => listTemplatesForApi(caller.actor, query));
}
