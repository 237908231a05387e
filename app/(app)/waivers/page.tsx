import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { cardStyles } from "@/components/ui/styles";
import { PriorityBadge } from "@/components/ui/badges";
import { requireUser } from "@/lib/auth/session";
import { formatDate, utcDay } from "@/lib/format";
import { listWaivers, type WaiverListEntry } from "@/lib/waivers/queries";
import { WAIVER_EXPIRING_DAYS } from "@/lib/waivers/rules";

export const metadata: Metadata = { title: "Waivers" };

/** Every accepted risk across deployments: expiring soon, in force, and lapsed. */
export default async function WaiversPage() {
  await requireUser();
  const now = new Date();
  const { active, expiring, expired } = await listWaivers(now);
  return (
    <>
      <PageHeader
        title="Waivers"
        description="Risks accepted on open items, with the control in their place and when they end. An expired waiver leaves its item open again and withdraws the sign-off that relied on it."
      />
      {active.length + expiring.length + expired.length === 0 ? (
        <EmptyState title="No waivers">
          A waiver is requested from an open item’s Details on its checklist, and approved by a reviewer who did not
          work on the deployment.
        </EmptyState>
      ) : (
        <div className="space-y-8">
          <WaiverTable
            id="expiring"
            title={`Expiring within ${WAIVER_EXPIRING_DAYS} days`}
            empty={`Nothing expires in the next ${WAIVER_EXPIRING_DAYS} days.`}
            rows={expiring}
            now={now}
          />
          <WaiverTable id="active" title="In force" empty="No other waiver is in force." rows={active} now={now} />
          <WaiverTable
            id="expired"
            title="Expired"
            empty="No waiver of an active deployment has expired."
            rows={expired}
            now={now}
          />
        </div>
      )}
    </>
  );
}

function WaiverTable({
  id,
  title,
  empty,
  rows,
  now,
}: {
  id: string;
  title: string;
  empty: string;
  rows: WaiverListEntry[];
  now: Date;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className={`${cardStyles} overflow-x-auto p-4`}>
      <h2 id={`${id}-heading`} className="text-base font-semibold">
        {title} ({rows.length})
      </h2>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <table className="mt-2 w-full min-w-[40rem] text-left text-sm">
          <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Deployment
              </th>
              <th scope="col" className="py-1 pr-3">
                Item
              </th>
              <th scope="col" className="py-1 pr-3">
                Reason and control
              </th>
              <th scope="col" className="py-1 pr-3">
                Approved by
              </th>
              <th scope="col" className="py-1">
                {id === "expired" ? "Expired" : "Until"}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((waiver) => {
              // Calendar days (UTC) from today to its last day.
              const days = Math.round(
                (Date.parse(waiver.expiresAt.slice(0, 10)) - Date.parse(utcDay(0, now))) / 86_400_000,
              );
              return (
                <tr key={waiver.id} className="border-t border-slate-200 align-top dark:border-slate-800">
                  <td className="py-1.5 pr-3">
                    <Link
                      href={`/deployments/${waiver.deployment.id}?item=${encodeURIComponent(waiver.itemKey)}`}
                      className="font-medium text-brand-700 hover:underline dark:text-brand-50"
                    >
                      {waiver.deployment.service} {waiver.deployment.version}
                    </Link>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {waiver.deployment.environment}
                    </span>
                  </td>
                  <td className="py-1.5 pr-3">
                    {waiver.itemText} <PriorityBadge priority={waiver.priority} />
                  </td>
                  <td className="py-1.5 pr-3 break-words">
                    {waiver.reason}
                    <span className="block text-xs text-slate-600 dark:text-slate-400">{waiver.control}</span>
                  </td>
                  <td className="py-1.5 pr-3">{waiver.approvals.map((a) => a.reviewer.name).join(", ") || "—"}</td>
                  <td className="py-1.5 whitespace-nowrap">
                    {formatDate(waiver.expiresAt)}
                    {id === "expired" ? null : (
                      <span className="block text-xs text-slate-600 dark:text-slate-400">
                        in {days} day{days === 1 ? "" : "s"}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
