// GET /api/v1/deployments/{id}/gate — for a pipeline: 200 when signed off and the sign-off
// stands, otherwise 409 with the reasons. Tokens with any scope may ask.
import { handleApiRead, json } from "@/lib/api/route";
import { evaluateGate } from "@/lib/api/v1/gate";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiRead(request, { scope: "GATE" }, async () => {
    const verdict = await evaluateGate(id);
    if (!verdict) throw new AppError("NOT_FOUND", "That deployment does not exist.");
    return json(verdict, verdict.ready ? 200 : 409);
  });
}
