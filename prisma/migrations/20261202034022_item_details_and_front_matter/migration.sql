-- AlterTable
ALTER TABLE "TemplateVersion" ADD COLUMN     "metadata" JSONB;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "details" TEXT;
