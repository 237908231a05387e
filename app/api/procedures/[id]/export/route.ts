// Downloads a procedure run as Markdown for the post-mortem (steps, notes, skip reasons,
// timeline, times and people). Any signed-in user may read it, like the run page.
import { getCurrentUser } from "@/lib/auth/session";
import { exportFilename, runToMarkdown } from "@/lib/procedures/export-markdown";
import { getRun } from "@/lib/procedures/queries";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getCurrentUser())) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const { id } = await params;
  if (id.length > 64) return Response.json({ error: "That procedure run does not exist." }, { status: 404 });
  const run = await getRun(id);
  if (!run) return Response.json({ error: "That procedure run does not exist." }, { status: 404 });
  return new Response(runToMarkdown(run), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exportFilename(run)}"`,
      "Cache-Control": "no-store",
    },
  });
}
