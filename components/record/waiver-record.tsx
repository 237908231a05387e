import { formatDate, formatDateTime } from "@/lib/format";
import { waiverPhase, waiverPhaseLabels, type WaiverView } from "@/lib/waivers/rules";

/** Every waiver of the deployment, newest first: what was accepted, by whom, until when. */
export function WaiverRecord({ waivers }: { waivers: WaiverView[] }) {
  return (
    <section aria-labelledby="record-waivers" className="mt-6 break-inside-avoid">
      <h2 id="record-waivers" className="text-lg font-semibold">
        Waivers ({waivers.length})
      </h2>
      {waivers.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">No item was waived.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-slate-600 uppercase dark:text-slate-400">
            <tr>
              <th scope="col" className="py-1 pr-3">
                Item
              </th>
              <th scope="col" className="py-1 pr-3">
                Status
              </th>
              <th scope="col" className="py-1 pr-3">
                Reason and control
              </th>
              <th scope="col" className="py-1 pr-3">
                Asked, approved
              </th>
              <th scope="col" className="py-1">
                Until
              </th>
            </tr>
          </thead>
          <tbody>
            {waivers.map((waiver) => (
              <tr
                key={waiver.id}
                data-record-waiver={waiver.id}
                className="border-t border-slate-200 align-top dark:border-slate-800"
              >
                <td className="py-1 pr-3">{waiver.itemText}</td>
                <td className="py-1 pr-3">{waiverPhaseLabels[waiverPhase(waiver)]}</td>
                <td className="py-1 pr-3 break-words">
                  {waiver.reason}
                  <br />
                  <span className="text-slate-600 dark:text-slate-400">{waiver.control}</span>
                </td>
                <td className="py-1 pr-3">
                  {waiver.requestedBy.name}, {formatDateTime(waiver.requestedAt)}
                  {waiver.approvals.map((a) => (
                    <span key={a.reviewer.id} className="block">
                      approved by {a.reviewer.name}, {formatDateTime(a.createdAt)}
                    </span>
                  ))}
                  {waiver.decidedBy && waiver.status !== "APPROVED" && waiver.status !== "EXPIRED" ? (
                    <span className="block">
                      {waiver.status === "REJECTED" ? "rejected" : "revoked"} by {waiver.decidedBy.name}
                      {waiver.decisionNote ? `: ${waiver.decisionNote}` : ""}
                    </span>
                  ) : null}
                </td>
                <td className="py-1">{formatDate(waiver.expiresAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
