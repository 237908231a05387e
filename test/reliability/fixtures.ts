// Data for the reliability tests: an engineer with a WRITE token and one deployment of the
// reference template, created through the domain code on the database the app uses.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PrismaClient } from "@/lib/db/client";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { createTestUser, uniqueKey } from "@/test/db";

export type LoadFixture = { token: string; deploymentId: string; itemIds: string[] };

/** A bearer token as the API stores it: only the sha256 of the secret. */
export async function createWriteToken(prisma: PrismaClient, userId: string): Promise<string> {
  const secret = `pf_${randomBytes(32).toString("base64url")}`;
  await prisma.apiToken.create({
    data: {
      name: uniqueKey("load"),
      prefix: secret.slice(0, 10),
      tokenHash: createHash("sha256").update(secret).digest("hex"),
      scopes: ["READ", "WRITE"],
      userId,
      createdById: userId,
    },
  });
  return secret;
}

export async function createLoadFixture(prisma: PrismaClient): Promise<LoadFixture> {
  const engineer = await createTestUser(prisma, "ENGINEER");
  const markdown = readFileSync("prisma/seed/production-security-checklist.md");
  const template = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: markdown, slug: uniqueKey("reliability") },
    { db: prisma },
  );
  const { id: deploymentId } = await createDeployment(engineer, {
    service: uniqueKey("svc"),
    environment: "prod",
    version: "1",
    templateVersionId: template.versionId,
  });
  const states = await prisma.itemState.findMany({ where: { deploymentId }, select: { itemId: true } });
  return { token: await createWriteToken(prisma, engineer.id), deploymentId, itemIds: states.map((s) => s.itemId) };
}
