// The benchmark's data: a fresh database on the given server, migrated, with the seed
// template, 20 users and N deployments whose item states are written in a few set-based
// statements (INSERT … SELECT over generate_series), so 1,000 deployments take seconds.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/client";
import { createDatabase, type CreatedDatabase } from "@/lib/db/databases";
import { migrate } from "@/lib/db/migrate";
import { referenceTemplateFile, REFERENCE_TEMPLATE_SLUG } from "@/lib/seed/seed";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";

export type BenchDatabase = CreatedDatabase;
export type Dataset = {
  deployments: number;
  itemStates: number;
  users: number;
  signOffs: number;
  templateItems: number;
  leafItemsPerDeployment: number;
};
export type BenchToken = { secret: string; userId: string };

/** Creates `preflight_bench_<timestamp>` beside the named database, whose data is never touched. */
export function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  return createDatabase(
    serverUrl,
    `preflight_bench_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${randomBytes(2).toString("hex")}`,
  );
}

export async function seedBenchData(url: string, deployments: number): Promise<Dataset> {
  await migrate(url);
  const prisma = createPrismaClient(url, { max: 2 });
  try {
    await createTemplateFromMarkdown(
      { actorLabel: "bench" },
      { source: readFileSync(referenceTemplateFile), slug: REFERENCE_TEMPLATE_SLUG },
      { db: prisma },
    );
  } finally {
    await prisma.$disconnect();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(INSERT_USERS);
    await client.query(INSERT_DEPLOYMENTS, [deployments]);
    await client.query(INSERT_ITEM_STATES);
    await client.query(INSERT_SIGN_OFFS);
    await client.query("COMMIT");
    await client.query("ANALYZE");
    const { rows } = await client.query<Dataset>(`SELECT
        (SELECT COUNT(*) FROM "Deployment")::int AS deployments,
        (SELECT COUNT(*) FROM "ItemState")::int AS "itemStates",
        (SELECT COUNT(*) FROM "User")::int AS users,
        (SELECT COUNT(*) FROM "SignOff")::int AS "signOffs",
        (SELECT COUNT(*) FROM "Item")::int AS "templateItems",
        (SELECT COUNT(*) FROM "Item" i JOIN "Section" s ON s.id = i."sectionId"
          WHERE i."isLeaf" AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT'))::int AS "leafItemsPerDeployment"`);
    return rows[0]!;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// 2 admins, 3 managers, 5 reviewers, 10 engineers; no password (the bench uses API tokens).
const INSERT_USERS = `
  INSERT INTO "User" (id, email, name, role, "updatedAt")
  SELECT 'bench-user-' || g, 'bench-' || g || '@bench.test', 'Bench User ' || lpad(g::text, 2, '0'),
         (CASE WHEN g <= 2 THEN 'ADMIN' WHEN g <= 5 THEN 'MANAGER' WHEN g <= 10 THEN 'REVIEWER' ELSE 'ENGINEER' END)::"Role",
         now()
    FROM generate_series(1, 20) g`;

// 25 services × 4 environments, owned by reviewers and engineers; mostly in progress, with
// drafts, reviews, sign-offs, some deployed, rejected and cancelled.
const INSERT_DEPLOYMENTS = `
  INSERT INTO "Deployment" (id, service, environment, version, "targetDate", status, "ownerId", "templateVersionId", "submittedAt", "deployedAt", "createdAt", "updatedAt")
  SELECT 'bench-dep-' || g,
         'service-' || lpad((g % 25)::text, 2, '0'),
         (ARRAY['production', 'staging', 'eu-production', 'us-production'])[1 + (g / 25) % 4],
         '1.' || (g / 100) || '.' || (g % 100),
         (current_date + ((g % 120) - 30))::date,
         s.status::"DeploymentStatus",
         'bench-user-' || (6 + g % 15),
         (SELECT id FROM "TemplateVersion" LIMIT 1),
         CASE WHEN s.status IN ('READY_FOR_REVIEW', 'SIGNED_OFF', 'DEPLOYED', 'REJECTED') THEN now() - interval '2 days' END,
         CASE WHEN s.status = 'DEPLOYED' THEN now() - interval '1 day' END,
         now() - (g || ' minutes')::interval,
         now() - (g || ' seconds')::interval
    FROM generate_series(1, $1::int) g
    CROSS JOIN LATERAL (SELECT CASE
             WHEN g % 20 = 0 THEN 'DEPLOYED'
             WHEN g % 20 = 1 THEN 'SIGNED_OFF'
             WHEN g % 20 IN (2, 3) THEN 'READY_FOR_REVIEW'
             WHEN g % 20 = 4 THEN 'DRAFT'
             WHEN g % 50 = 5 THEN 'REJECTED'
             WHEN g % 50 = 15 THEN 'CANCELLED'
             ELSE 'IN_PROGRESS' END AS status) s`;

// One state per pre/post-deployment leaf, as createDeployment makes them. About 60 % DONE
// and 8 % N/A with a reason; signed-off and deployed ones have every item closed.
const INSERT_ITEM_STATES = `
  INSERT INTO "ItemState" (id, "deploymentId", "itemId", status, "naReason", note, "updatedById", "updatedAt", version)
  SELECT gen_random_uuid()::text, d.id, i.id, x.status::"ItemStatus",
         CASE WHEN x.status = 'NOT_APPLICABLE' THEN 'Not used by this service (bench data).' END,
         CASE WHEN x.bucket % 17 = 0 THEN 'Checked during the bench seed.' END,
         CASE WHEN x.status <> 'OPEN' THEN d."ownerId" END,
         now() - ((x.bucket % 500) || ' minutes')::interval,
         CASE WHEN x.status <> 'OPEN' THEN 1 ELSE 0 END
    FROM "Deployment" d
    JOIN "Item" i ON i."templateVersionId" = d."templateVersionId" AND i."isLeaf"
    JOIN "Section" s ON s.id = i."sectionId" AND s.kind IN ('PRE_DEPLOYMENT', 'POST_DEPLOYMENT')
    CROSS JOIN LATERAL (SELECT abs(hashtext(d.id || i.id)) % 100 AS bucket) b
    CROSS JOIN LATERAL (SELECT b.bucket, CASE
             WHEN d.status IN ('SIGNED_OFF', 'DEPLOYED') THEN CASE WHEN b.bucket < 8 THEN 'NOT_APPLICABLE' ELSE 'DONE' END
             WHEN d.status = 'DRAFT' THEN 'OPEN'
             WHEN b.bucket < 60 THEN 'DONE'
             WHEN b.bucket < 68 THEN 'NOT_APPLICABLE'
             ELSE 'OPEN' END AS status) x`;

const INSERT_SIGN_OFFS = `
  INSERT INTO "SignOff" (id, "deploymentId", "reviewerId", decision, comment, digest, "nextReviewAt", "createdAt")
  SELECT 'bench-signoff-' || d.id, d.id,
         'bench-user-' || (6 + (abs(hashtext(d.id)) % 5)),
         (CASE WHEN d.status = 'REJECTED' THEN 'REJECTED' ELSE 'APPROVED' END)::"SignOffDecision",
         'Bench sign-off.', md5(d.id), now() + interval '90 days', now() - interval '1 day'
    FROM "Deployment" d
   WHERE d.status IN ('SIGNED_OFF', 'DEPLOYED', 'REJECTED')`;

/** An API token row as the API stores it (sha256 of the whole secret), for a user of the bench. */
export async function insertApiToken(url: string, userId: string, scopes: ("READ" | "WRITE")[]): Promise<BenchToken> {
  const secret = `pf_${randomBytes(32).toString("base64url")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      // A token speaks for its user (userId) and was made by them (createdById).
      `INSERT INTO "ApiToken" (id, name, prefix, "tokenHash", scopes, "createdById", "userId") VALUES ($1, $2, $3, $4, $5::"ApiTokenScope"[], $6, $6)`,
      [
        `bench-token-${randomBytes(6).toString("hex")}`,
        "bench",
        secret.slice(0, 10),
        createHash("sha256").update(secret).digest("hex"),
        scopes,
        userId,
      ],
    );
  } finally {
    await client.end();
  }
  return { secret, userId };
}
