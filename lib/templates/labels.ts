// Human labels for section classifications: shown by server pages and client components.
import type { Cadence, Priority, SectionKind } from "@/lib/templates/markdown/types";

export const kindLabels: Record<SectionKind, string> = {
  PRE_DEPLOYMENT: "Pre-deployment",
  POST_DEPLOYMENT: "Post-deployment",
  MAINTENANCE: "Maintenance",
  PROCEDURE: "Procedure",
  REFERENCE: "Reference",
};

export const priorityLabels: Record<Priority, string> = {
  CRITICAL: "Critical",
  HIGH: "High",
  RECOMMENDED: "Recommended",
};

export const cadenceLabels: Record<Cadence, string> = {
  DAILY: "Daily",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  QUARTERLY: "Quarterly",
  ANNUALLY: "Annually",
};
