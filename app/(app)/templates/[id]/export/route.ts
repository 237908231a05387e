// Downloads one template version as Markdown (importing it again gives the same structure).
import { getCurrentUser } from "@/lib/auth/session";
import { getTemplateDetail } from "@/lib/templates/queries";
import { exportTemplateMarkdown } from "@/lib/templates/markdown/export";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await getCurrentUser())) return Response.json({ error: "Sign in to continue." }, { status: 401 });
  const { id } = await params;
  const v = new URL(request.url).searchParams.get("v");
  if (v !== null && !/^[1-9]\d{0,5}$/.test(v))
    return Response.json({ error: "v must be a version number." }, { status: 400 });
  const detail = await getTemplateDetail(id, v === null ? undefined : Number(v));
  if (!detail) return Response.json({ error: "That template or version does not exist." }, { status: 404 });
  const filename = `${detail.slug}-v${detail.version.number}.md`;
  return new Response(exportTemplateMarkdown(detail.version.structure), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
    },
  });
}
