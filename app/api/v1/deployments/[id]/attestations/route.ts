// GET /api/v1/deployments/{id}/attestations — every attested approval of the deployment,
// newest first, withdrawn ones marked (invalidatedAt): they still verify, they no longer stand.
import { handleApiRead } from "@/lib/api/route";
import { listAttestations } from "@/lib/attestations/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiRead(request, { scope: "READ" }, async () => ({ attestations: await listAttestations(id) }));
}
