// The events a webhook can subscribe to, with the names receivers see in payloads and in
// the X-Preflight-Event header. Shared by the server and the admin UI.
import { WebhookEvent } from "@/lib/generated/prisma/enums";

export const webhookEvents = Object.values(WebhookEvent);

export const eventNames: Record<WebhookEvent, string> = {
  DEPLOYMENT_SIGNED_OFF: "deployment.signed_off",
  SIGNOFF_INVALIDATED: "signoff.invalidated",
  DEPLOYMENT_REJECTED: "deployment.rejected",
  DEPLOYMENT_DEPLOYED: "deployment.deployed",
  DEPLOYMENT_CANCELLED: "deployment.cancelled",
  DEPLOYMENT_REOPENED: "deployment.reopened",
  MAINTENANCE_OVERDUE: "maintenance.overdue",
  REVIEW_DUE: "review.due",
  WAIVER_EXPIRED: "waiver.expired",
};

export const eventLabels: Record<WebhookEvent, string> = {
  DEPLOYMENT_SIGNED_OFF: "Deployment signed off",
  SIGNOFF_INVALIDATED: "Sign-off invalidated",
  DEPLOYMENT_REJECTED: "Deployment rejected",
  DEPLOYMENT_DEPLOYED: "Deployment deployed",
  DEPLOYMENT_CANCELLED: "Deployment cancelled",
  DEPLOYMENT_REOPENED: "Deployment reopened",
  MAINTENANCE_OVERDUE: "Maintenance overdue",
  REVIEW_DUE: "Review due (template or sign-off)",
  WAIVER_EXPIRED: "Waiver expired",
};

export type { WebhookEvent };
