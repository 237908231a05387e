import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/record/print-button";
import { RecordSection } from "@/components/record/record-items";
import { SignOffRecord } from "@/components/record/sign-off-record";
import { WaiverRecord } from "@/components/record/waiver-record";
import { VerdictBadge } from "@/components/ui/badges";
import { requireUser } from "@/lib/auth/session";
import { getDeploymentHeading, getDeploymentRecord } from "@/lib/deployments/get-deployment-record";
import { statusLabels } from "@/lib/deployments/lifecycle";
import { formatDate, formatDateTime } from "@/lib/format";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const deployment = await getDeploymentHeading((await params).id);
  return { title: deployment ? `Record: ${deployment.service} ${deployment.version}` : "Deployment record" };
}

/** The signed record of one deployment, read-only, laid out for paper (see the print block in globals.css). */
export default async function DeploymentRecordPage({ params }: Props) {
  const user = await requireUser();
  const { id } = await params;
  const record = await getDeploymentRecord(id);
  if (!record) notFound();
  const { checklist, decisions } = record;
  const { deployment, template, readiness, verification } = checklist;
  const facts: [string, ReactNode][] = [
    ["Service", deployment.service],
    ["Environment", deployment.environment],
    ["Version", deployment.version],
    ["Owner", deployment.owner.name],
    ["Template", `${template.name} v${template.versionNumber}`],
    ["Status", statusLabels[deployment.status]],
    ["Verdict", <VerdictBadge key="verdict" verdict={readiness.verdict} />],
    ["Readiness", `${readiness.score}%`],
    [
      "Verification",
      `${verification.total - verification.open} of ${verification.total} after go-live (${verification.percent}%)`,
    ],
    ["Target date", formatDate(deployment.targetDate)],
    ["Printed", `${formatDateTime(new Date())} by ${user.name}`],
  ];

  return (
    <article aria-labelledby="record-title" className="mx-auto max-w-5xl">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link
          href={`/deployments/${deployment.id}`}
          className="text-sm font-medium text-brand-600 underline dark:text-brand-50"
        >
          ← Back to the checklist
        </Link>
        <PrintButton />
      </div>
      <p className="text-sm font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">
        Preflight · deployment record
      </p>
      <h1 id="record-title" className="text-2xl font-semibold tracking-tight">
        {deployment.service} {deployment.version}
      </h1>
      <dl
        data-testid="record-facts"
        className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 rounded-xl border border-slate-200 p-4 text-sm sm:grid-cols-2 dark:border-slate-800"
      >
        {facts.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="w-32 shrink-0 text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="font-medium">{value}</dd>
          </div>
        ))}
      </dl>
      {checklist.sections.map((section) => (
        <RecordSection key={section.id} section={section} />
      ))}
      <WaiverRecord waivers={checklist.waivers} />
      <SignOffRecord
        deploymentId={deployment.id}
        requiredApprovals={checklist.signOff.requiredApprovals}
        decisions={decisions}
      />
      <p className="mt-6 text-xs text-slate-600 dark:text-slate-400">
        Digest of the pre-deployment item states in this record (sha256):{" "}
        <span className="font-mono break-all">{checklist.digest}</span>
      </p>
    </article>
  );
}
