// Item text goes into sentences as text: the invalidation reason stored (banner, record),
// sent (webhook) and answered (gate) names the item without its Markdown, and the gate's
// sentences stay apart ("Deployment is not ready: A. B.").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateGate } from "@/lib/api/v1/gate";
import { leavesOf } from "@/lib/checklists/tree";
import { createDeployment } from "@/lib/deployments/create-deployment";
import { getChecklist } from "@/lib/deployments/get-checklist";
import { updateItemState } from "@/lib/deployments/update-item-state";
import { approveDeployment, rejectDeployment } from "@/lib/signoff/review-deployment";
import { submitForReview } from "@/lib/signoff/submit-for-review";
import { createTemplateFromMarkdown } from "@/lib/templates/import-template";
import { encryptSecret, generateWebhookSecret } from "@/lib/webhooks/secret";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

process.env.AUTH_SECRET ??= "plain-reasons-test-secret-0123456789abcdef";

const prisma = useTestPrisma();
const code = "Set `DEBUG=false`";
const link = "Follow the [runbook](https://example.com/runbook)";
let webhookId: string;

beforeAll(async () => {
  const admin = await createTestUser(prisma, "ADMIN");
  webhookId = (
    await prisma.webhook.create({
      data: {
        url: `http://127.0.0.1:9/${uniqueKey()}`,
        events: ["SIGNOFF_INVALIDATED"],
        secret: encryptSecret(generateWebhookSecret()),
        createdById: admin.id,
      },
    })
  ).id;
});

// Other files share the database: this webhook should not collect their deliveries.
afterAll(() => prisma.webhook.update({ where: { id: webhookId }, data: { active: false } }));

/** A deployment in review of a template whose items carry inline Markdown; `approve` signs it off. */
async function inReview() {
  const owner = await createTestUser(prisma, "ENGINEER");
  const reviewer = await createTestUser(prisma, "REVIEWER");
  const title = `Markdown items ${uniqueKey()}`;
  const source = [
    `# ${title}`,
    "",
    "## CRITICAL",
    `- [ ] ${code}`,
    "- [ ] Backups verified",
    "",
    "## HIGH",
    `- [ ] ${link}`,
    "",
  ];
  const template = await createTemplateFromMarkdown(
    { actorLabel: "test" },
    { source: source.join("\n") },
    { db: prisma },
  );
  const { id } = await createDeployment(owner, {
    service: uniqueKey("plain"),
    environment: "prod",
    version: "1.0.0",
    templateVersionId: template.versionId,
  });
  const setItem = async (text: string, status: "DONE" | "OPEN") => {
    const leaf = leavesOf((await getChecklist(id))!.sections.flatMap((s) => s.items)).find((l) => l.text === text)!;
    await updateItemState(owner, { deploymentId: id, itemId: leaf.id, version: leaf.state!.version, status });
  };
  for (const text of [code, "Backups verified"]) await setItem(text, "DONE");
  await submitForReview(owner, { deploymentId: id });
  const approve = async () =>
    approveDeployment(reviewer, { deploymentId: id, comment: "ok", digest: (await getChecklist(id))!.digest });
  return { id, owner, reviewer, setItem, approve };
}

async function signedOff() {
  const deployment = await inReview();
  await deployment.approve();
  return deployment;
}

async function invalidationReason(deploymentId: string) {
  const approval = await prisma.signOff.findFirstOrThrow({ where: { deploymentId, decision: "APPROVED" } });
  return approval.invalidationReason;
}

describe("item text in sentences", () => {
  it("an invalidation names the item as text: stored, on the page, in the webhook and the gate", async () => {
    const { id, owner, setItem } = await signedOff();
    await setItem(code, "OPEN");
    const reason = "“Set DEBUG=false” changed (status)";
    expect(await invalidationReason(id)).toBe(reason);
    expect((await getChecklist(id))!.signOff.invalidation).toMatchObject({ reason, by: owner.name });

    const delivery = await prisma.webhookDelivery.findFirstOrThrow({
      where: { webhookId, payload: { path: ["data", "deployment", "id"], equals: id } },
    });
    expect(delivery.payload).toMatchObject({ data: { invalidation: { reason } } });

    const verdict = await evaluateGate(id);
    if (!verdict || verdict.ready) throw new Error("the gate must refuse an invalidated sign-off");
    const invalidated = verdict.reasons.find((r) => r.code === "SIGNOFF_INVALIDATED")!;
    expect(invalidated.message).toMatch(
      new RegExp(`^The sign-off was invalidated on \\S+ by ${owner.name}: “Set DEBUG=false” changed \\(status\\)\\.$`),
    );
    expect(verdict.error).not.toContain("`");
    // Several reasons, each a sentence, joined with a space: "Deployment is not ready: A. B."
    expect(verdict.reasons.length).toBeGreaterThan(1);
    for (const { message } of verdict.reasons) expect(message).toMatch(/[.!?]["”)]*$/);
    expect(verdict.error).toBe(`Deployment is not ready: ${verdict.reasons.map((r) => r.message).join(" ")}`);
  });

  it("a link in an item names its text, not its address", async () => {
    const { id, setItem } = await signedOff();
    await setItem(link, "DONE");
    expect(await invalidationReason(id)).toBe("“Follow the runbook” changed (status)");
  });

  it("a rejection's comment ends its sentence in the gate, whatever its author wrote", async () => {
    const { id, reviewer } = await inReview();
    await rejectDeployment(reviewer, { deploymentId: id, comment: "Attach the restore drill" });
    const verdict = await evaluateGate(id);
    if (!verdict || verdict.ready) throw new Error("the gate must refuse a rejected deployment");
    expect(verdict.reasons.find((r) => r.code === "REJECTED")!.message).toBe(
      `Rejected by ${reviewer.name}: Attach the restore drill.`,
    );
    expect(verdict.error).toBe(`Deployment is not ready: ${verdict.reasons.map((r) => r.message).join(" ")}`);
  });
});
