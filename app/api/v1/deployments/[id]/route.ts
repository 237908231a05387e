// GET /api/v1/deployments/{id} — the checklist: sections, item states, readiness, sign-off.
// PATCH — edit its fields and/or move its status (READY_FOR_REVIEW, DEPLOYED, CANCELLED with
// a reason, IN_PROGRESS), all or nothing; a refused transition is 409 {error, code, reasons?}.
// DELETE — delete a draft (its owner or an admin): 204.
import { asDomainInput, handleApiRead, handleApiWrite, requirePlausibleId } from "@/lib/api/route";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { patchDeployment } from "@/lib/deployments/patch-deployment";
import { deleteDraft } from "@/lib/deployments/transitions";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiRead(request, { scope: "READ" }, async () => {
    const checklist = await getChecklist(id);
    if (!checklist) throw new AppError("NOT_FOUND", "That deployment does not exist.");
    return checklist;
  });
}

export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiWrite(request, { scope: "WRITE" }, (body, caller) => {
    requirePlausibleId(id, "That deployment does not exist.");
    return patchDeployment(caller.actor, asDomainInput(body, { deploymentId: id }));
  });
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiWrite(request, { scope: "WRITE" }, async (body, caller) => {
    requirePlausibleId(id, "That deployment does not exist.");
    await deleteDraft(caller.actor, asDomainInput(body, { deploymentId: id }));
    return new Response(null, { status: 204 });
  });
}
