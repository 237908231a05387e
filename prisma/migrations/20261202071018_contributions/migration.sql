-- CreateEnum
CREATE TYPE "ContributionKind" AS ENUM ('CREATED', 'OWNER', 'OWNER_SET', 'ITEM_STATUS', 'ITEM_NA_REASON', 'ITEM_NOTE', 'ITEM_EVIDENCE');

-- CreateTable
CREATE TABLE "Contribution" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "apiTokenId" TEXT,
    "kind" "ContributionKind" NOT NULL,
    "itemKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contribution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Contribution_deploymentId_userId_idx" ON "Contribution"("deploymentId", "userId");

-- CreateIndex
CREATE INDEX "Contribution_userId_idx" ON "Contribution"("userId");

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contribution" ADD CONSTRAINT "Contribution_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only, as ItemChange: rows go only with their deployment (a deleted draft).
CREATE FUNCTION "contribution_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Deployment" WHERE id = OLD."deploymentId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'Contribution is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
END;
$$;

CREATE TRIGGER "Contribution_append_only"
  BEFORE UPDATE OR DELETE ON "Contribution"
  FOR EACH ROW EXECUTE FUNCTION "contribution_append_only"();

-- What earlier writes already tell: each deployment's owner, its creator (while the audit
-- log still holds the event), every recorded item change, and the last writer of each item
-- state written before item history existed.
INSERT INTO "Contribution" ("deploymentId", "userId", "kind", "createdAt")
SELECT d.id, d."ownerId", 'OWNER', d."createdAt" FROM "Deployment" d;

INSERT INTO "Contribution" ("deploymentId", "userId", "kind", "createdAt")
SELECT a."entityId", a."actorId", 'CREATED', a."createdAt"
FROM "AuditEvent" a
JOIN "Deployment" d ON d.id = a."entityId"
JOIN "User" u ON u.id = a."actorId"
WHERE a.action = 'deployment.create';

INSERT INTO "Contribution" ("deploymentId", "userId", "apiTokenId", "kind", "itemKey", "createdAt")
SELECT c."deploymentId", c."actorId", c."apiTokenId",
       (CASE c.field WHEN 'STATUS' THEN 'ITEM_STATUS' WHEN 'NA_REASON' THEN 'ITEM_NA_REASON'
                     WHEN 'NOTE' THEN 'ITEM_NOTE' ELSE 'ITEM_EVIDENCE' END)::"ContributionKind",
       c."itemKey", c."createdAt"
FROM "ItemChange" c
WHERE c."actorId" IS NOT NULL AND c.field IN ('STATUS', 'NA_REASON', 'NOTE', 'EVIDENCE')
ORDER BY c.id;

INSERT INTO "Contribution" ("deploymentId", "userId", "kind", "itemKey", "createdAt")
SELECT s."deploymentId", s."updatedById", 'ITEM_STATUS', i.key, s."updatedAt"
FROM "ItemState" s
JOIN "Item" i ON i.id = s."itemId"
WHERE s."updatedById" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "ItemChange" c
    WHERE c."deploymentId" = s."deploymentId" AND c."itemKey" = i.key AND c."actorId" = s."updatedById"
  );
