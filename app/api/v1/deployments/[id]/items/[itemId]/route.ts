// PATCH /api/v1/deployments/{id}/items/{itemId} — tick, mark N/A, reopen, annotate or assign
// one item, with the UI's optimistic concurrency: a stale `version` gets 409 and `current`.
import { asDomainInput, handleApiWrite, requirePlausibleId } from "@/lib/api/route";
import { updateItemState } from "@/lib/deployments/update-item-state";

export const dynamic = "force-dynamic";

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string; itemId: string }> }) {
  const { id, itemId } = await params;
  return handleApiWrite(request, { scope: "WRITE" }, (body, caller) => {
    requirePlausibleId(id, "That deployment does not exist.");
    requirePlausibleId(itemId, "That checklist item does not exist in this deployment.");
    // The page's own domain function, ids from the path: the same rules for the API as for the page.
    return updateItemState(caller.actor, asDomainInput(body, { deploymentId: id, itemId }));
  });
}
