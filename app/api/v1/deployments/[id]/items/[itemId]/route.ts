// PATCH /api/v1/deployments/{id}/items/{itemId} — tick, mark N/A, reopen, annotate or assign
// one item, with the UI's optimistic concurrency: a stale `version` gets 409 and `current`.
import { z } from "zod";
import { handleApiJson, requirePlausibleId } from "@/lib/api/route";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { updateItemStateSchema } from "@/lib/deployments/schemas";

export const dynamic = "force-dynamic";

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string; itemId: string }> }) {
  const { id, itemId } = await params;
  // The UI's own schema, ids from the path: the same rules for the API as for the page.
  const schema = z.preprocess(
    (body) => (body && typeof body === "object" && !Array.isArray(body) ? { ...body, deploymentId: id, itemId } : body),
    updateItemStateSchema,
  );
  return handleApiJson(request, { scope: "WRITE" }, schema, (input, caller) => {
    requirePlausibleId(id, "That deployment does not exist.");
    requirePlausibleId(itemId, "That checklist item does not exist in this deployment.");
    return updateItemState(caller.actor, input);
  });
}
