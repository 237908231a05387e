// One deployment's checklist: its sections in order, item trees with each leaf's state,
// and readiness. Read by the checklist page and refetched by the browser.
import { deploymentHeadSelect } from "@/lib/deployments/deployment-head";
import "server-only";
import { readerOf, type ReadOptions } from "@/lib/db";
import { readinessOfSections, verificationOfSections } from "@/lib/checklists/readiness";
import type { Checklist, ChecklistItem } from "@/lib/checklists/types";
import { itemStateViewSelect, toItemStateView } from "@/lib/deployments/item-state-view";
import { checklistDigest } from "@/lib/signoff/digest";
import { loadSignOffView } from "@/lib/signoff/sign-off-view";
import { isPlausibleId } from "@/lib/validation";
import { currentWaivers, waiversOfDeployment } from "@/lib/waivers/queries";

/** null when there is no such deployment; an id that cannot be one finds nothing without a query. */
export async function getChecklist(
  deploymentId: string,
  options?: ReadOptions,
  now = new Date(),
): Promise<Checklist | null> {
  if (!isPlausibleId(deploymentId)) return null;
  const deployment = await readerOf(options).deployment.findUnique({
    where: { id: deploymentId },
    select: {
      ...deploymentHeadSelect,
      description: true,
      releaseRef: true,
      pipelineRunUrl: true,
      deployedAt: true,
      cancelledAt: true,
      cancelReason: true,
      itemStates: { select: itemStateViewSelect },
      templateVersion: {
        select: {
          number: true,
          allowCriticalWaivers: true,
          highBlocksGate: true,
          template: {
            select: {
              id: true,
              name: true,
              versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
            },
          },
          sections: {
            where: { kind: { in: ["PRE_DEPLOYMENT", "POST_DEPLOYMENT"] } },
            orderBy: { position: "asc" },
            select: { id: true, title: true, kind: true, priority: true },
          },
          items: {
            orderBy: [{ depth: "asc" }, { position: "asc" }],
            select: { id: true, key: true, sectionId: true, parentId: true, text: true, details: true },
          },
        },
      },
    },
  });
  if (!deployment) return null;
  const { templateVersion: version } = deployment;
  const waivers = await waiversOfDeployment(deployment.id, options);
  const waiverOf = currentWaivers(waivers);
  const states = new Map(deployment.itemStates.map((s) => [s.itemId, toItemStateView(s)]));
  const sectionItems = new Map<string, ChecklistItem[]>(version.sections.map((s) => [s.id, []]));
  const nodes = new Map<string, ChecklistItem>();
  for (const item of version.items) {
    const siblings = item.parentId ? nodes.get(item.parentId)?.children : sectionItems.get(item.sectionId);
    if (!siblings) continue; // an item of a section that is not part of the checklist
    const node: ChecklistItem = {
      id: item.id,
      key: item.key,
      text: item.text,
      details: item.details,
      children: [],
      state: states.get(item.id) ?? null,
      waiver: null,
    };
    // A settled item's expired waiver is history; an open one's still explains why it is open.
    const waiver = waiverOf.get(item.key);
    if (waiver && (waiver.status !== "EXPIRED" || (node.state?.status ?? "OPEN") === "OPEN")) node.waiver = waiver;
    nodes.set(item.id, node);
    siblings.push(node);
  }
  const sections = version.sections.map((s) => ({ ...s, items: sectionItems.get(s.id)! }));
  const kinds = new Map(version.sections.map((s) => [s.id, s.kind]));
  const items = new Map(version.items.map((item) => [item.id, item]));
  const digest = checklistDigest(
    deployment.itemStates.map((s) => ({
      key: items.get(s.itemId)!.key,
      kind: kinds.get(items.get(s.itemId)!.sectionId)!,
      status: s.status,
      naReason: s.naReason,
      note: s.note,
      evidenceLinks: s.evidenceLinks,
    })),
  );
  const lastChange = new Date(
    Math.max(deployment.updatedAt.getTime(), ...deployment.itemStates.map((s) => s.updatedAt.getTime())),
  );
  return {
    deployment: {
      id: deployment.id,
      service: deployment.service,
      environment: deployment.environment,
      version: deployment.version,
      status: deployment.status,
      targetDate: deployment.targetDate?.toISOString().slice(0, 10) ?? null,
      owner: deployment.owner,
      updatedAt: deployment.updatedAt.toISOString(),
      description: deployment.description,
      releaseRef: deployment.releaseRef,
      pipelineRunUrl: deployment.pipelineRunUrl,
      deployedAt: deployment.deployedAt?.toISOString() ?? null,
      cancelledAt: deployment.cancelledAt?.toISOString() ?? null,
      cancelReason: deployment.cancelReason,
    },
    template: {
      id: version.template.id,
      name: version.template.name,
      versionNumber: version.number,
      latestVersionNumber: version.template.versions[0]!.number,
      allowCriticalWaivers: version.allowCriticalWaivers,
      highBlocksGate: version.highBlocksGate,
    },
    sections,
    waivers,
    readiness: readinessOfSections(sections, now),
    verification: verificationOfSections(sections),
    digest,
    signOff: await loadSignOffView(deployment.id, deployment.status, lastChange, options),
  };
}
