-- A release's lifecycle to DEPLOYED (issue: release from start to finish).

-- New webhook events for the new transitions.
ALTER TYPE "WebhookEvent" ADD VALUE 'DEPLOYMENT_DEPLOYED' BEFORE 'MAINTENANCE_OVERDUE';
ALTER TYPE "WebhookEvent" ADD VALUE 'DEPLOYMENT_CANCELLED' BEFORE 'MAINTENANCE_OVERDUE';
ALTER TYPE "WebhookEvent" ADD VALUE 'DEPLOYMENT_REOPENED' BEFORE 'MAINTENANCE_OVERDUE';

-- Review interval and required approvals are pinned per template version; existing versions
-- get their template's current values.
ALTER TABLE "TemplateVersion" ADD COLUMN "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN "reviewIntervalDays" INTEGER NOT NULL DEFAULT 90;
UPDATE "TemplateVersion" v
   SET "requiredApprovals" = t."requiredApprovals", "reviewIntervalDays" = t."reviewIntervalDays"
  FROM "Template" t
 WHERE t.id = v."templateId";
ALTER TABLE "Template" DROP COLUMN "requiredApprovals",
DROP COLUMN "reviewIntervalDays";

-- Editable release facts and the cancellation's reason.
ALTER TABLE "Deployment" ADD COLUMN "cancelReason" TEXT,
ADD COLUMN "cancelledAt" TIMESTAMP(3),
ADD COLUMN "pipelineRunUrl" TEXT,
ADD COLUMN "releaseRef" TEXT;

-- A reworded item's state under the version it was moved from.
ALTER TABLE "ItemState" ADD COLUMN "previousState" JSONB;

-- Existing approvals keep digest algorithm 1 and still verify.
ALTER TABLE "SignOff" ADD COLUMN "digestVersion" INTEGER NOT NULL DEFAULT 1;

-- A token speaks for a user (so far always its creator); the command line issues tokens
-- with no creator.
ALTER TABLE "ApiToken" DROP CONSTRAINT "ApiToken_createdById_fkey";
ALTER TABLE "ApiToken" ADD COLUMN "userId" TEXT;
UPDATE "ApiToken" SET "userId" = "createdById";
ALTER TABLE "ApiToken" ALTER COLUMN "userId" SET NOT NULL,
ALTER COLUMN "createdById" DROP NOT NULL;
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
