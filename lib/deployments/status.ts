import type { DeploymentStatus } from "@/lib/generated/prisma/enums";

export const statusLabels: Record<DeploymentStatus, string> = {
  DRAFT: "Draft",
  IN_PROGRESS: "In progress",
  READY_FOR_REVIEW: "Ready for review",
  SIGNED_OFF: "Signed off",
  DEPLOYED: "Deployed",
  REJECTED: "Rejected",
  CANCELLED: "Cancelled",
};
