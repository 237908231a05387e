// Downloads a procedure run as Markdown for the post-mortem (steps, notes, skip reasons,
// timeline, times and people). Any signed-in user may read it, like the run page.
import { z } from "zod";
import { handleDownload } from "@/lib/api/download";
import { exportRunMarkdown } from "@/lib/procedures/queries";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDownload(
    request,
    { params, query: z.object({}), notFound: "That procedure run does not exist." },
    ({ params: { id } }) => exportRunMarkdown(id),
  );
}
