-- CreateEnum
CREATE TYPE "ItemChangeField" AS ENUM ('STATUS', 'NA_REASON', 'NOTE', 'EVIDENCE', 'ASSIGNEE', 'RESET');

-- CreateTable
CREATE TABLE "ItemChange" (
    "id" BIGSERIAL NOT NULL,
    "deploymentId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "itemText" TEXT NOT NULL,
    "actorId" TEXT,
    "apiTokenId" TEXT,
    "field" "ItemChangeField" NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ItemChange_deploymentId_itemKey_createdAt_idx" ON "ItemChange"("deploymentId", "itemKey", "createdAt");

-- CreateIndex
CREATE INDEX "ItemChange_actorId_idx" ON "ItemChange"("actorId");

-- AddForeignKey
ALTER TABLE "ItemChange" ADD CONSTRAINT "ItemChange_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemChange" ADD CONSTRAINT "ItemChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only: a change once recorded stays as it was. Rows go only with their deployment
-- (a deleted draft): ON DELETE CASCADE removes them after the deployment row is gone, which
-- is the one case this lets through.
CREATE FUNCTION "item_change_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "Deployment" WHERE id = OLD."deploymentId") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ItemChange is append-only: % refused', TG_OP USING ERRCODE = 'P0001';
END;
$$;

CREATE TRIGGER "ItemChange_append_only"
  BEFORE UPDATE OR DELETE ON "ItemChange"
  FOR EACH ROW EXECUTE FUNCTION "item_change_append_only"();
