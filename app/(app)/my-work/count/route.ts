// GET /my-work/count — the header badge's number, asked again as the person moves between
// pages (the app's layout, which counted it first, stays mounted across navigations).
import { getCurrentUser } from "@/lib/auth/session";
import { countMyWork } from "@/lib/my-work/count-my-work";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

export async function GET() {
  const user = await getCurrentUser();
  if (!user) return Response.json({ error: "Sign in to continue." }, { status: 401, headers: noStore });
  return Response.json({ open: await countMyWork(user) }, { headers: noStore });
}
