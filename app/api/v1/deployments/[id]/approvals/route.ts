// POST /api/v1/deployments/{id}/approvals — approve a deployment in review (reviewers who did
// not work on it: 403 SEPARATION_OF_DUTIES names what they did). Body: { "comment": string, "digest": string, "nextReviewAt"?: "YYYY-MM-DD" }.
// Session only: a sign-off is a person's judgement, so API tokens are refused (403).
import { asDomainInput, handleApiWrite, requirePlausibleId } from "@/lib/api/route";
import { approveDeployment } from "@/lib/signoff/review-deployment";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleApiWrite(
    request,
    { scope: "WRITE", tokens: false },
    (body, caller) => {
      requirePlausibleId(id, "That deployment does not exist.");
      return approveDeployment(caller.actor, asDomainInput(body, { deploymentId: id }));
    },
    { status: 201 },
  );
}
