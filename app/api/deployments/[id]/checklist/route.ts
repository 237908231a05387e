// The checklist as JSON, for the checklist page's background refresh (session only).
import { getCurrentUser } from "@/lib/auth/session";
import { getChecklist } from "@/lib/deployments/get-checklist";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getCurrentUser())) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const { id } = await params;
  if (id.length > 64) return Response.json({ error: "id is not a valid deployment id." }, { status: 400 });
  const checklist = await getChecklist(id);
  if (!checklist) return Response.json({ error: "That deployment does not exist." }, { status: 404 });
  return Response.json(checklist, { headers: { "Cache-Control": "no-store" } });
}
