-- AlterTable
ALTER TABLE "SignOff" ADD COLUMN     "attestation" JSONB,
ADD COLUMN     "attestationKeyId" TEXT,
ADD COLUMN     "snapshot" JSONB;

-- CreateTable
CREATE TABLE "AttestationKey" (
    "id" TEXT NOT NULL,
    "publicKeyPem" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "AttestationKey_pkey" PRIMARY KEY ("id")
);
