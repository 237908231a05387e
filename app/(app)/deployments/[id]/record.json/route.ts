// GET /deployments/{id}/record.json[?signOff=<id>] — the item states an approval approved
// (by default, the sign-off that stands), as `npm run cli -- attestation verify --record`
// hashes them. Whoever may read the printable record may read this.
import { z } from "zod";
import { handleDownload } from "@/lib/api/download";
import { approvalRecord } from "@/lib/attestations/queries";

export const dynamic = "force-dynamic";

const recordQuery = z.object({ signOff: z.string().trim().min(1).max(64).optional() });

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDownload(
    request,
    { params, query: recordQuery, notFound: "That deployment has no approval record (or no such approval)." },
    async ({ params: { id }, query }) => {
      const record = await approvalRecord(id, query.signOff);
      if (!record) return null;
      return {
        body: `${JSON.stringify(record, null, 2)}\n`,
        filename: `record-${record.signOffId}.json`,
        contentType: "application/json; charset=utf-8",
      };
    },
  );
}
