// GET /api/v1/attestation-keys — the public keys attestations are signed with, the current
// one (retiredAt null) and every retired one. No authentication: they are public, and an
// auditor verifies with them (`npm run cli -- attestation verify … --key <this URL>`).
import { handleApiPublic, json } from "@/lib/api/route";
import { listAttestationKeys } from "@/lib/attestations/list-keys";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleApiPublic(request, async () => json(await listAttestationKeys()));
}
