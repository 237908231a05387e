// GET /api/v1/deployments/{id} — the checklist: sections, item states, readiness, sign-off.
import { handleApiRead } from "@/lib/api/route";
import { getChecklist } from "@/lib/deployments/get-checklist";
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
