// I5: a page a role may not open answers 403 (Next's forbidden(), rendered by
// app/(app)/forbidden.tsx), not a 200 with a refusal in it. The page is called as the App
// Router calls it; forbidden() throws the interrupt Next turns into the 403 before streaming.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestUser, useTestPrisma } from "@/test/db";

const session = vi.hoisted(() => ({
  current: null as null | { user: { id: string }; tokenVersion: number; sid: string },
}));
vi.mock("next-auth", () => ({ getServerSession: () => Promise.resolve(session.current) }));

const prisma = useTestPrisma();
const params = { params: Promise.resolve({ id: "x" }), searchParams: Promise.resolve({}) };

const pages = {
  "/admin": () => import("@/app/(app)/admin/page"),
  "/admin/groups": () => import("@/app/(app)/admin/groups/page"),
  "/admin/jobs": () => import("@/app/(app)/admin/jobs/page"),
  "/admin/tokens": () => import("@/app/(app)/admin/tokens/page"),
  "/admin/webhooks": () => import("@/app/(app)/admin/webhooks/page"),
  "/admin/webhooks/x": () => import("@/app/(app)/admin/webhooks/[id]/page"),
  "/templates/import": () => import("@/app/(app)/templates/import/page"),
  "/templates/x/edit": () => import("@/app/(app)/templates/[id]/edit/page"),
  "/deployments/new": () => import("@/app/(app)/deployments/new/page"),
};

beforeAll(async () => {
  // next.config.js turns on experimental.authInterrupts, which makes the build define this.
  vi.stubEnv("__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS", "true");
  const viewer = await createTestUser(prisma, "VIEWER");
  session.current = { user: { id: viewer.id }, tokenVersion: 0, sid: crypto.randomUUID() };
});

afterAll(() => {
  vi.unstubAllEnvs();
});

describe("pages a role may not open", () => {
  it("I5: next.config.js enables forbidden()", () => {
    expect(readFileSync("next.config.js", "utf8")).toMatch(/authInterrupts: true/);
  });

  it.each(Object.entries(pages))("I5: %s answers 403 to a VIEWER", async (_path, page) => {
    const Page = (await page()).default as (props: typeof params) => Promise<unknown>;
    const refusal = await Page(params).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;403" });
  });
});
