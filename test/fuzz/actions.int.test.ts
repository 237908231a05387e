// Every server action under app/ (found on disk, so new ones are covered too), called as
// an ADMIN with generated hostile input: any JavaScript value, objects with the keys the
// schemas read but wrong types, boundary lengths, unicode, forms with files. Whatever
// arrives, the action answers an ActionResult: failures are 4xx with a message, and a
// 400 names the field. A server action is a public endpoint; a 5xx is a bug.
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import {
  describeInput,
  fieldValue,
  formDataArbitrary,
  FUZZ_SEED,
  fuzzParameters,
  keyedObject,
  anything,
  markdownish,
} from "@/test/fuzz/arbitraries";
import { discoverServerActions, schemaFieldNames, type DiscoveredAction } from "@/test/fuzz/discover";
import { createFuzzFixture, type FuzzFixture } from "@/test/fuzz/fixtures";
import { signInAs } from "@/test/session-double";
import { createTestUser, uniqueKey, useTestPrisma } from "@/test/db";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Action = (input: unknown) => Promise<unknown>;

const prisma = useTestPrisma();
const discovered = discoverServerActions();
const keys = schemaFieldNames();
let fixture: FuzzFixture;

beforeAll(async () => {
  fixture = await createFuzzFixture(prisma);
});

async function load({ file, name }: DiscoveredAction): Promise<Action> {
  const exported = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, Action>;
  const action = exported[name];
  if (typeof action !== "function") throw new Error(`${file} exports no function ${name}`);
  return action;
}

/** What is wrong with an action's answer, or null when it is a proper ActionResult. */
function problemWith(result: unknown): string | null {
  if (!result || typeof result !== "object" || !("ok" in result))
    return `did not return an ActionResult: ${describeInput(result)}`;
  const r = result as { ok: boolean; status?: unknown; error?: unknown; fieldErrors?: Record<string, string> };
  if (r.ok === true) return null;
  if (r.ok !== false) return `ok is ${describeInput(r.ok)}`;
  if (typeof r.status !== "number" || r.status < 400 || r.status > 499)
    return `status ${describeInput(r.status)} (${describeInput(r.error)})`;
  if (typeof r.error !== "string" || r.error.trim() === "") return `no error message with status ${r.status}`;
  if (r.status === 400) {
    const names = r.fieldErrors && Object.keys(r.fieldErrors).length > 0;
    if (!names && !/^[\w.[\]]+: /.test(r.error)) return `a 400 that names no field: ${r.error}`;
  }
  return null;
}

async function callSafely(action: Action, input: unknown): Promise<unknown> {
  try {
    return await action(input);
  } catch (error) {
    return { threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

function inputsFor(action: DiscoveredAction): fc.Arbitrary<unknown> {
  const ids = fixture.ids;
  const objects = keyedObject(keys, ids);
  if (action.takesFormData) {
    // Clients send FormData, but a crafted request can send any value the protocol carries.
    return fc.oneof(
      { weight: 6, arbitrary: formDataArbitrary(keys, ids) },
      { weight: 1, arbitrary: anything },
      { weight: 1, arbitrary: objects },
    );
  }
  return fc.oneof(
    { weight: 5, arbitrary: objects },
    { weight: 2, arbitrary: anything },
    { weight: 1, arbitrary: fieldValue(ids) },
    { weight: 1, arbitrary: formDataArbitrary(keys, ids) },
  );
}

describe("server actions under hostile input", () => {
  it("finds the server actions", () => {
    expect(discovered.length).toBeGreaterThan(20);
    expect(discovered.filter((a) => a.takesFormData).map((a) => a.name)).toContain("importTemplateAction");
  });

  describe.each(discovered.map((a) => [`${a.file}#${a.name}`, a] as const))("%s", (_label, discoveredAction) => {
    it("answers every input with an ActionResult: 4xx with a message, never a 5xx or a throw", async () => {
      signInAs(fixture.admin);
      const action = await load(discoveredAction);
      await fc.assert(
        fc.asyncProperty(inputsFor(discoveredAction), async (input) => {
          const problem = problemWith(await callSafely(action, input));
          if (problem)
            throw new Error(
              `${discoveredAction.name}: ${problem}\ninput: ${describeInput(input)}\nreplay: FUZZ_SEED=${FUZZ_SEED}`,
            );
        }),
        fuzzParameters(40),
      );
    });
  });
});

// Representative writes, given a valid input with one field broken: every call is refused
// with a 4xx and nothing at all is written, not a row, not an audit event.
describe("refused writes leave nothing behind", () => {
  const wrongTypes = [42, {}, [], true, null, "x".repeat(1_000_001), "\u0000"];
  type Case = {
    action: string;
    base: () => Record<string, unknown>;
    broken: Record<string, unknown[]>;
    count: () => Promise<number>;
  };
  let actor: CurrentUser;

  beforeAll(async () => {
    actor = { ...(await createTestUser(prisma, "ADMIN")), email: `${uniqueKey("careful")}@example.test` };
  });

  const cases = (): Case[] => [
    {
      action: "createDeploymentAction",
      base: () => ({
        service: "svc",
        environment: "prod",
        version: "1",
        templateVersionId: fixture.template.versionId,
      }),
      broken: {
        service: [...wrongTypes, "", "<b>"],
        environment: [...wrongTypes, ""],
        version: [...wrongTypes, "a\u0001"],
        targetDate: [...wrongTypes, "2026-02-30", "tomorrow"],
        templateVersionId: [...wrongTypes, ""],
        ownerId: [42, {}, "x".repeat(65)],
      },
      count: () => prisma.deployment.count({ where: { templateVersionId: fixture.template.versionId } }),
    },
    {
      action: "updateItemStateAction",
      base: () => ({
        deploymentId: fixture.review.deploymentId,
        itemId: fixture.ids.find((id) => id !== fixture.review.deploymentId)!,
        version: 0,
        status: "DONE",
      }),
      broken: {
        version: ["1", -1, 1.5, Number.NaN, null, {}],
        status: ["", "done", 1, null],
        note: [42, {}, "x".repeat(10_001)],
        naReason: [42, "x".repeat(2_001)],
        evidenceLinks: [
          "https://x.test",
          ["javascript:alert(1)"],
          ["data:text/html,x"],
          Array(21).fill("https://x.test"),
        ],
        deploymentId: wrongTypes,
        itemId: wrongTypes,
      },
      count: () =>
        prisma.itemState.count({ where: { deploymentId: fixture.review.deploymentId, updatedById: actor.id } }),
    },
    {
      action: "startRunAction",
      base: () => ({ sectionId: fixture.procedure.id, title: "Careful", severity: "SEV2" }),
      broken: {
        sectionId: wrongTypes,
        title: [...wrongTypes, "", "   ", "tab\tin title"],
        severity: ["SEV5", "", 1, null],
      },
      count: () => prisma.procedureRun.count({ where: { startedById: actor.id } }),
    },
    {
      action: "createUserAction",
      base: () => ({ name: "Careful", email: `${uniqueKey("careful")}@careful.test`, role: "VIEWER" }),
      broken: {
        name: [...wrongTypes, "", "<script>"],
        email: [...wrongTypes, "not-an-email", "@", "a@"],
        role: ["ROOT", "", 1, null],
      },
      count: () => prisma.user.count({ where: { email: { endsWith: "@careful.test" } } }),
    },
    {
      action: "stepNoteAction",
      base: () => ({ runId: fixture.run.id, position: 1, note: "Careful" }),
      broken: {
        runId: wrongTypes,
        position: [0, -1, 1.5, "one", null, 10_000],
        note: [...wrongTypes, "", "x".repeat(10_001)],
      },
      count: () => prisma.procedureStep.count({ where: { runId: fixture.run.id, actorId: actor.id } }),
    },
  ];

  it("createDeployment, updateItemState, startRun, createUser and stepNote write nothing when refused", async () => {
    signInAs(actor);
    const byName = new Map(discovered.map((a) => [a.name, a]));
    const auditBefore = await prisma.auditEvent.count({ where: { actorId: actor.id } });
    for (const c of cases()) {
      const action = await load(byName.get(c.action)!);
      const before = await c.count();
      const brokenInput = fc
        .constantFrom(...Object.keys(c.broken))
        .chain((field) => fc.tuple(fc.constant(field), fc.constantFrom(...c.broken[field]!)))
        .chain(([field, value]) =>
          fc.tuple(
            fc.constant({ [field]: value }),
            keyedObject(["extra", "__proto__", "id", "createdAt"], fixture.ids),
          ),
        );
      await fc.assert(
        fc.asyncProperty(brokenInput, async ([broken, extra]) => {
          const input = { ...extra, ...c.base(), ...broken };
          const result = (await callSafely(action, input)) as { ok?: boolean; status?: number };
          const problem = problemWith(result) ?? (result.ok ? "was accepted" : null);
          if (problem)
            throw new Error(`${c.action}: ${problem}\ninput: ${describeInput(input)}\nreplay: FUZZ_SEED=${FUZZ_SEED}`);
        }),
        fuzzParameters(25),
      );
      expect(await c.count(), `${c.action} wrote rows while refusing`).toBe(before);
    }
    expect(await prisma.auditEvent.count({ where: { actorId: actor.id } }), "audit events of refused writes").toBe(
      auditBefore,
    );
  });

  it("a refused template import stores no template", async () => {
    signInAs(actor);
    const action = await load(discovered.find((a) => a.name === "importTemplateAction")!);
    const before = await prisma.templateVersion.count({ where: { createdById: actor.id } });
    const refusedForm = fc.oneof(
      markdownish.map((text) => ({ text: "x".repeat(2_100_000) + text })),
      fc.constantFrom(
        { text: "" },
        { text: "   " },
        { text: "no heading, no items" },
        { overrides: "not json", text: "# T\n## CRITICAL\n- [ ] a" },
        { overrides: '[{"index":-1}]', text: "# T\n## CRITICAL\n- [ ] a" },
      ),
    );
    await fc.assert(
      fc.asyncProperty(refusedForm, async (fields) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(fields)) form.set(key, value);
        const result = (await callSafely(action, form)) as { ok?: boolean };
        const problem = problemWith(result) ?? (result.ok ? "was accepted" : null);
        if (problem)
          throw new Error(
            `importTemplateAction: ${problem}\ninput: ${describeInput(form)}\nreplay: FUZZ_SEED=${FUZZ_SEED}`,
          );
      }),
      fuzzParameters(15),
    );
    expect(await prisma.templateVersion.count({ where: { createdById: actor.id } })).toBe(before);
  });
});
