// Every route handler under app/ (found on disk), called directly with generated hostile
// requests: random query strings, content types, bearer garbage, bodies (random JSON,
// broken JSON, more than 100 kB, unicode) and path parameters (huge, unicode, "../",
// SQL-ish). Whoever asks and whatever they send: never a 5xx, every error is JSON with an
// `error` string, and an error that blames a field ("field: message") says so in `field`.
//
// Out of scope: next-auth's app/api/auth/[...nextauth] handler. Its request parsing,
// CSRF and callback handling are next-auth's own (it needs Next's request internals to run
// at all), and the sign-in specs drive it end to end through the browser.
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import {
  boundaryString,
  describeInput,
  FUZZ_SEED,
  fuzzParameters,
  keyedObject,
  trickyString,
  unicodeString,
} from "@/test/fuzz/arbitraries";
import { discoverRouteHandlers, routeUrl, schemaFieldNames, type DiscoveredRoute } from "@/test/fuzz/discover";
import { createFuzzFixture, type FuzzFixture } from "@/test/fuzz/fixtures";
import { useTestPrisma } from "@/test/db";
import { deploymentInReview } from "@/test/signoff-fixtures";
import { signInAs } from "@/test/session-double";

vi.mock("@/lib/auth/session", async (original) =>
  (await import("@/test/session-double")).sessionDouble(await original()),
);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Call = {
  method: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  params: Record<string, string>;
};

const MAX_BODY_BYTES = 100_000;
const prisma = useTestPrisma();
const routes = discoverRouteHandlers().filter((route) => !route.file.includes("[...nextauth]"));
const keys = schemaFieldNames();
const queryKeys = [
  ...keys,
  "q",
  "page",
  "sort",
  "status",
  "owner",
  "scope",
  "v",
  "cursor",
  "limit",
  "from",
  "to",
  "entityType",
  "entityId",
  "actorId",
  "action",
];
let fixture: FuzzFixture;

beforeAll(async () => {
  fixture = await createFuzzFixture(prisma);
});

async function load(route: DiscoveredRoute, method: string): Promise<Handler> {
  const handlers = (await import(/* @vite-ignore */ path.resolve(route.file))) as Record<string, Handler>;
  return handlers[method]!;
}

const hasBody = (method: string) => !["GET", "HEAD"].includes(method);

function callArbitrary(route: DiscoveredRoute, method: string): fc.Arbitrary<Call> {
  const ids = fixture.ids;
  const text = fc.oneof(
    trickyString,
    unicodeString,
    boundaryString.filter((s) => s.length <= 10_001),
    fc.constantFrom(...ids),
  );
  const param = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ids) },
    { weight: 4, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom("..", "../..", "%2e%2e", "1 OR 1=1", "$where", "[object Object]") },
  );
  // Next decodes path segments from the URL, so a parameter is always well-formed UTF-16.
  const params = fc.record(
    Object.fromEntries(route.params.map((name) => [name, param.map((value) => value.toWellFormed())])),
  );
  const query = fc.dictionary(
    fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...queryKeys) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
    ),
    text,
    { maxKeys: 6 },
  );
  const contentType = fc.constantFrom(
    undefined,
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "x/garbage;;;",
  );
  const authorization = fc.constantFrom(
    undefined,
    undefined,
    undefined,
    "Bearer garbage",
    "Bearer pf_0000",
    "Bearer ",
    "Basic YTpi",
    "bearer a b c",
    "Bearer \u00ff\u00fe",
  );
  const crossOrigin = fc.constantFrom(undefined, {
    origin: "https://evil.example",
    cookie: "next-auth.session-token=x",
  });
  const jsonBody = fc.oneof(
    {
      weight: 4,
      arbitrary: keyedObject(keys, ids).map(
        (value) => JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "null",
      ),
    },
    { weight: 2, arbitrary: fc.json() },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "",
        "{",
        '{"a":',
        "[1,2",
        "nul",
        "\u0000",
        '{"version": 1e999}',
        '{"__proto__": {"admin": true}}',
        '"just a string"',
        "[]",
        "null",
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(MAX_BODY_BYTES + 1, 1_000_000)
        .map((size) => JSON.stringify({ note: "x".repeat(size) })),
    },
  );
  return fc.record({
    method: fc.constant(method),
    query,
    headers: fc.tuple(contentType, authorization, crossOrigin).map(([type, auth, cross]) => ({
      ...(type ? { "content-type": type } : {}),
      ...(auth ? { authorization: auth } : {}),
      ...(cross ?? {}),
    })),
    body: hasBody(method) ? jsonBody : fc.constant(undefined),
    params,
  });
}

async function send(handler: Handler, route: DiscoveredRoute, call: Call): Promise<Response> {
  const url = new URL(routeUrl(route.file, call.params));
  for (const [key, value] of Object.entries(call.query)) url.searchParams.append(key, value);
  const request = new Request(url, { method: call.method, headers: call.headers, body: call.body });
  return handler(request, { params: Promise.resolve(call.params) });
}

/** What is wrong with a response, or null. */
async function problemWith(response: Response): Promise<string | null> {
  if (response.status >= 500) return `status ${response.status}: ${(await response.text()).slice(0, 300)}`;
  if (response.status < 400) return null;
  const text = await response.text();
  let body: { error?: unknown; field?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return `status ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof body.error !== "string" || body.error.trim() === "")
    return `status ${response.status} without an error message: ${text.slice(0, 200)}`;
  const blamed = /^([A-Za-z][\w.]*): /.exec(body.error)?.[1];
  if (response.status === 400 && blamed && body.field !== blamed)
    return `a 400 blaming "${blamed}" without field: "${blamed}": ${text.slice(0, 200)}`;
  return null;
}

const describeCall = (call: Call) =>
  describeInput({
    ...call,
    body:
      call.body && call.body.length > 400 ? `${call.body.slice(0, 200)}… (${call.body.length} characters)` : call.body,
  });

/** A handler found on disk by the end of its path; failing loudly if it moved. */
function routeEndingWith(suffix: string, method: string): [DiscoveredRoute, string] {
  const route = routes.find((r) => r.file.endsWith(suffix) && r.methods.includes(method));
  if (!route) throw new Error(`No ${method} handler ending with ${suffix}; update this test`);
  return [route, method];
}

const handlers = routes.flatMap((route) =>
  route.methods.map((method) => [`${method} ${route.file}`, route, method] as const),
);

describe("route handlers under hostile requests", () => {
  it("finds the route handlers", () => {
    expect(handlers.length).toBeGreaterThan(8);
  });

  describe.each(handlers)("%s", (_label, route, method) => {
    it.each([
      ["as an ADMIN", (): CurrentUser | null => fixture.admin],
      ["without a session", (): CurrentUser | null => null],
    ] as const)("%s: never a 5xx; errors are JSON naming the field", async (_who, who) => {
      signInAs(who());
      const handler = await load(route, method);
      await fc.assert(
        fc.asyncProperty(callArbitrary(route, method), async (call) => {
          const problem = await send(handler, route, call).then(
            problemWith,
            (error: unknown) => `threw (a 500 in Next): ${String(error).slice(0, 300)}`,
          );
          if (problem)
            throw new Error(
              `${method} ${route.file}: ${problem}\nrequest: ${describeCall(call)}\nreplay: FUZZ_SEED=${FUZZ_SEED}`,
            );
        }),
        fuzzParameters(30),
      );
    });

    it("bearer garbage without a session: 401 JSON (or the answer of a public route), never a 5xx", async () => {
      signInAs(null);
      const handler = await load(route, method);
      const params = Object.fromEntries(route.params.map((name) => [name, fixture.review.deploymentId]));
      const plain = await send(handler, route, {
        method,
        query: {},
        headers: {},
        body: hasBody(method) ? "{}" : undefined,
        params,
      });
      const isPublic = plain.status < 400;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.constantFrom("garbage", "pf_", "a.b.c", "x".repeat(5_000)),
            fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 80 }).filter((s) => !/\s/.test(s)),
          ),
          async (token) => {
            const response = await send(handler, route, {
              method,
              query: {},
              headers: { authorization: `Bearer ${token}` },
              body: hasBody(method) ? "{}" : undefined,
              params,
            });
            const problem = await problemWith(response.clone()).catch(
              (error: unknown) => `threw (a 500 in Next): ${String(error).slice(0, 300)}`,
            );
            if (problem)
              throw new Error(
                `${method} ${route.file}: ${problem}\ntoken: ${describeInput(token)}\nreplay: FUZZ_SEED=${FUZZ_SEED}`,
              );
            if (!isPublic && route.file.startsWith("app/api/v1/"))
              expect(response.status, `${method} ${route.file} with "Bearer ${token.slice(0, 40)}"`).toBe(401);
          },
        ),
        fuzzParameters(10),
      );
    });

    if (hasBody(method)) {
      it(`a body over ${MAX_BODY_BYTES.toLocaleString("en")} bytes: 413 JSON`, async () => {
        signInAs(fixture.admin);
        const handler = await load(route, method);
        const params = Object.fromEntries(route.params.map((name) => [name, fixture.review.deploymentId]));
        for (const body of [JSON.stringify({ note: "x".repeat(MAX_BODY_BYTES) }), "é".repeat(MAX_BODY_BYTES / 2 + 1)]) {
          const response = await send(handler, route, {
            method,
            query: {},
            headers: { "content-type": "application/json" },
            body,
            params,
          });
          expect(response.status, `${method} ${route.file}`).toBe(413);
          expect(await response.json()).toMatchObject({ error: expect.stringContaining("larger than") });
        }
      });
    }
  });

  // Random inputs rarely get past validation far enough to write, so the text the database
  // cannot store (NUL; a lone surrogate, which jsonb refuses) is sent where it gets written.
  describe("text the database cannot store, in fields that are written", () => {
    it.each([
      ["a NUL", "a\u0000b"],
      ["a lone surrogate", "a\uD800b"],
    ])("%s in an item PATCH and an approval comment: never a 5xx; a refusal names the field", async (_what, text) => {
      signInAs(fixture.admin);
      // A deployment of its own, still in review, so the writes are really attempted.
      const review = await deploymentInReview(prisma);
      const [itemRoute] = routeEndingWith("deployments/[id]/items/[itemId]/route.ts", "PATCH");
      const [approvalRoute] = routeEndingWith("deployments/[id]/approvals/route.ts", "POST");
      const leaf = (await review.leaves()).find((l) => l.state)!;
      const approve = await load(approvalRoute, "POST");
      const approvalBody = JSON.stringify({ comment: text, digest: await review.digest() });
      const approvalCall: Call = {
        method: "POST",
        query: {},
        headers: { "content-type": "application/json" },
        body: approvalBody,
        params: { id: review.deploymentId },
      };
      const approval = await send(approve, approvalRoute, approvalCall);
      expect.soft(await problemWith(approval.clone()), describeCall(approvalCall)).toBeNull();
      expect.soft([201, 400, 500], "the approval was really attempted").toContain(approval.status);
      if (approval.status === 400) expect(await approval.json()).toMatchObject({ field: "comment" });
      const patch = await load(itemRoute, "PATCH");
      for (const field of ["note", "naReason"]) {
        const current = (await review.leaves()).find((l) => l.id === leaf.id)!.state!.version;
        const body = JSON.stringify({
          version: current,
          ...(field === "naReason" ? { status: "NOT_APPLICABLE" } : {}),
          [field]: text,
        });
        const call: Call = {
          method: "PATCH",
          query: {},
          headers: { "content-type": "application/json" },
          body,
          params: { id: review.deploymentId, itemId: leaf.id },
        };
        const response = await send(patch, itemRoute, call);
        expect.soft(await problemWith(response.clone()), `${field}: ${describeCall(call)}`).toBeNull();
        expect([200, 400], `the ${field} change was really attempted`).toContain(response.status);
        if (response.status === 400) expect(await response.json()).toMatchObject({ field });
      }
    });
  });
});
