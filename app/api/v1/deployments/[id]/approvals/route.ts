// POST /api/v1/deployments/{id}/approvals — approve a deployment in review (reviewers only,
// never the owner). Body: { "comment": string, "digest": string, "nextReviewAt"?: "YYYY-MM-DD" }.
import { handleJson } from "@/lib/api/route";
import { approveDeployment } from "@/lib/signoff/review-deployment";
import { approveSchema } from "@/lib/signoff/schemas";

const bodySchema = approveSchema.omit({ deploymentId: true });

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleJson(request, bodySchema, (input, user) => approveDeployment(user, { ...input, deploymentId: id }), { status: 201 });
}
