// Downloads one template version as Markdown (importing it again gives the same structure).
import { handleDownload } from "@/lib/api/download";
import { exportTemplateVersion, templateExportQuery } from "@/lib/templates/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDownload(
    request,
    { params, query: templateExportQuery, notFound: "That template or version does not exist." },
    ({ params: { id }, query }) => exportTemplateVersion(id, query.v),
  );
}
