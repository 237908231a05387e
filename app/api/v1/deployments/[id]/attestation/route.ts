// GET /api/v1/deployments/{id}/attestation — the DSSE envelope of the sign-off that stands
// (an in-toto statement signed with the key its keyid names; keys at /api/v1/attestation-keys);
// 409 NO_ATTESTATION naming why there is none.
import { handleApiRead } from "@/lib/api/route";
import { standingAttestation } from "@/lib/attestations/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiRead(request, { scope: "READ" }, async () => (await standingAttestation(id)).envelope);
}
