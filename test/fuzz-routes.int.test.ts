import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetAllTables } from "./auth-helpers";

/**
 * Bad input against every JSON route that takes a body : malformed JSON/YAML, wrong types,
 * unicode, path traversal in names, huge bodies, wrong content types. Handlers are called directly
 * (as the integration tests do; proxy.ts is tested on its own). Every answer must be < 500; every
 * 4xx carries a readable `error` and leaves the database as it was.
 */

type THandler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
interface TRoute {
  name: string;
  load: () => Promise<Record<string, unknown>>;
  method: "POST" | "PUT" | "PATCH";
  params: () => Record<string, string>;
  yaml?: boolean;
  /** Takes no body (ignores it): a huge body may still succeed. */
  ignoresBody?: boolean;
}

const ids = { moduleId: "", scenarioId: "", reportId: "", problemId: "", runId: "" };

const ROUTES: TRoute[] = [
  { name: "POST /api/modules", load: () => import("@/app/api/modules/route"), method: "POST", params: () => ({}) },
  {
    name: "PATCH /api/modules/:id",
    load: () => import("@/app/api/modules/[moduleId]/route"),
    method: "PATCH",
    params: () => ({ moduleId: ids.moduleId }),
  },
  { name: "POST /api/scenarios", load: () => import("@/app/api/scenarios/route"), method: "POST", params: () => ({}), yaml: true },
  {
    name: "PUT /api/scenarios/:id",
    load: () => import("@/app/api/scenarios/[scenarioId]/route"),
    method: "PUT",
    params: () => ({ scenarioId: ids.scenarioId }),
    yaml: true,
  },
  {
    name: "POST /api/scenarios/:id/duplicate",
    load: () => import("@/app/api/scenarios/[scenarioId]/duplicate/route"),
    method: "POST",
    params: () => ({ scenarioId: ids.scenarioId }),
  },
  { name: "POST /api/runs", load: () => import("@/app/api/runs/route"), method: "POST", params: () => ({}) },
  {
    name: "POST /api/runs/:id/cancel",
    load: () => import("@/app/api/runs/[runId]/cancel/route"),
    method: "POST",
    params: () => ({ runId: ids.runId }),
    ignoresBody: true,
  },
  { name: "POST /api/reports", load: () => import("@/app/api/reports/route"), method: "POST", params: () => ({}) },
  {
    name: "PATCH /api/reports/:id",
    load: () => import("@/app/api/reports/[reportId]/route"),
    method: "PATCH",
    params: () => ({ reportId: ids.reportId }),
  },
  {
    name: "POST /api/reports/:id/observations",
    load: () => import("@/app/api/reports/[reportId]/observations/route"),
    method: "POST",
    params: () => ({ reportId: ids.reportId }),
  },
  {
    name: "POST /api/reports/:id/runs",
    load: () => import("@/app/api/reports/[reportId]/runs/route"),
    method: "POST",
    params: () => ({ reportId: ids.reportId }),
  },
  {
    name: "POST /api/reports/:id/share",
    load: () => import("@/app/api/reports/[reportId]/share/route"),
    method: "POST",
    params: () => ({ reportId: ids.reportId }),
  },
  { name: "POST /api/problems", load: () => import("@/app/api/problems/route"), method: "POST", params: () => ({}) },
  {
    name: "PATCH /api/problems/:id",
    load: () => import("@/app/api/problems/[problemId]/route"),
    method: "PATCH",
    params: () => ({ problemId: ids.problemId }),
  },
  {
    name: "POST /api/problems/:id/notes",
    load: () => import("@/app/api/problems/[problemId]/notes/route"),
    method: "POST",
    params: () => ({ problemId: ids.problemId }),
  },
  { name: "POST /api/setup", load: () => import("@/app/api/setup/route"), method: "POST", params: () => ({}) },
  { name: "POST /api/tokens", load: () => import("@/app/api/tokens/route"), method: "POST", params: () => ({}) },
  { name: "POST /api/admin/users", load: () => import("@/app/api/admin/users/route"), method: "POST", params: () => ({}) },
  {
    name: "PUT /api/admin/settings/target-allow-list",
    load: () => import("@/app/api/admin/settings/target-allow-list/route"),
    method: "PUT",
    params: () => ({}),
  },
];

const NASTY_STRINGS = [
  "../../etc/passwd",
  "..\\..\\windows\\system32",
  "%2e%2e%2f%2e%2e%2f",
  "/absolute/path",
  "name\u0000with-nul",
  "\ud800",
  "😀".repeat(300),
  "模块".repeat(40),
  "<script>alert(1)</script>",
  "a".repeat(20_000),
  "",
  " ",
  "${jndi:ldap://x}",
  '\'; DROP TABLE "Module"; --',
];

const arbNasty = fc.constantFrom(...NASTY_STRINGS);
const arbWrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  arbNasty,
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 2 }),
);
/** Objects with the field names the routes expect, holding the wrong things. */
const arbShaped = fc.record(
  {
    name: fc.oneof(arbNasty, arbWrongType),
    description: arbWrongType,
    moduleId: fc.oneof(arbNasty, arbWrongType),
    definition: fc.oneof(
      arbWrongType,
      fc.record({
        name: arbNasty,
        baseUrl: fc.oneof(arbNasty, fc.constant("file:///etc/passwd")),
        steps: arbWrongType,
        load: arbWrongType,
      }),
    ),
    scenarioIds: fc.oneof(arbWrongType, fc.array(arbNasty, { maxLength: 3 })),
    title: fc.oneof(arbNasty, arbWrongType),
    date: fc.oneof(arbNasty, arbWrongType),
    body: fc.oneof(arbNasty, arbWrongType),
    status: fc.oneof(arbNasty, arbWrongType),
    role: fc.oneof(arbNasty, arbWrongType),
    email: fc.oneof(arbNasty, arbWrongType),
    password: fc.oneof(arbNasty, arbWrongType),
    token: fc.oneof(arbNasty, arbWrongType),
    expiresInDays: arbWrongType,
    hosts: arbWrongType,
    cidrs: fc.oneof(arbWrongType, fc.array(arbNasty, { maxLength: 3 })),
    ports: arbWrongType,
    runIds: arbWrongType,
    feature: fc.oneof(arbNasty, arbWrongType),
  },
  { requiredKeys: [] },
);
const arbJsonText = fc.oneof(
  fc.json({ maxDepth: 3 }),
  arbShaped.map((o) => JSON.stringify(o)),
  fc.string({ unit: "binary", maxLength: 200 }), // mostly malformed JSON
  fc.constantFrom("{", "[1,2", '{"a":}', "null", "[]", '""', "0", "true", '{"__proto__":{"admin":true}}', "\uFEFF{}", "{".repeat(5000)),
);
const arbYamlText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constantFrom(
    "a: &a [1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
    "name: x\nbaseUrl: http://127.0.0.1\nsteps: !!js/function 'function(){}'",
    "- - - - - - - - - - - - -",
    "name: ../../etc/passwd\nbaseUrl: http://127.0.0.1:1\nload: {vus: -1}\nsteps: []",
    ":\n  :\n    - ?",
    "\t\tname: tabs",
  ),
);

async function counts(): Promise<Record<string, number>> {
  const [modules, scenarios, runs, rounds, problems, notes, observations, shares, users, tokens, settings] = await Promise.all([
    prisma.module.count(),
    prisma.scenario.count(),
    prisma.run.count(),
    prisma.report.count(),
    prisma.problem.count(),
    prisma.problemNote.count(),
    prisma.observation.count(),
    prisma.shareLink.count(),
    prisma.user.count(),
    prisma.apiToken.count(),
    prisma.setting.count({ where: { key: { not: { startsWith: "internal." } } } }),
  ]);
  return { modules, scenarios, runs, rounds, problems, notes, observations, shares, users, tokens, settings };
}

async function call(
  route: TRoute,
  body: BodyInit | null,
  contentType: string | null,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const mod = await route.load();
  const handler = mod[route.method] as THandler;
  const headers: Record<string, string> = { ...extraHeaders };
  if (contentType) headers["content-type"] = contentType;
  const request = new Request(`http://localhost:3000${route.name.split(" ")[1]!.replace(/:id/g, "x")}`, {
    method: route.method,
    headers,
    body,
  });
  const response = await handler(request, { params: Promise.resolve(route.params()) });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** The contract: never 5xx; a 4xx explains itself and stores nothing. */
async function expectGraceful(
  route: TRoute,
  body: BodyInit | null,
  contentType: string | null,
  headers?: Record<string, string>,
): Promise<number> {
  const before = await counts();
  const { status, json } = await call(route, body, contentType, headers);
  if (status >= 500)
    throw new Error(`${route.name} answered ${status} to ${String(body).slice(0, 120)}: ${JSON.stringify(json).slice(0, 300)}`);
  if (status >= 400) {
    expect(typeof (json as { error?: unknown })?.error, `${route.name} ${status} without a readable error`).toBe("string");
    expect((json as { error: string }).error.length).toBeGreaterThan(3);
    expect(await counts(), `${route.name} stored something on ${status}`).toEqual(before);
  }
  return status;
}

describe("fuzz: JSON routes answer bad input with a readable 4xx and store nothing", () => {
  beforeAll(async () => {
    await resetAllTables();
    const fuzzModule = await prisma.module.create({ data: { name: "fuzz-module" } });
    const definition = {
      name: "fuzz",
      module: "fuzz-module",
      baseUrl: "http://127.0.0.1:9",
      load: { vus: 1, durationSeconds: 1 },
      steps: [{ request: { method: "GET", path: "/" } }],
    };
    const scenario = await prisma.scenario.create({ data: { moduleId: fuzzModule.id, name: "fuzz", definition } });
    const round = await prisma.report.create({ data: { name: "fuzz round", date: new Date("2026-11-21") } });
    const problem = await prisma.problem.create({ data: { title: "fuzz problem" } });
    const run = await prisma.run.create({ data: { name: "fuzz run", status: "completed", scenarios: [] } });
    Object.assign(ids, { moduleId: fuzzModule.id, scenarioId: scenario.id, reportId: round.id, problemId: problem.id, runId: run.id });
  });

  for (const route of ROUTES) {
    it(`${route.name}: random and malformed JSON`, async () => {
      await fc.assert(
        fc.asyncProperty(arbJsonText, async (text) => {
          await expectGraceful(route, text, "application/json");
        }),
        { numRuns: 40 },
      );
    });

    it(`${route.name}: huge, empty and mislabelled bodies`, async () => {
      const huge = [
        await expectGraceful(route, "x".repeat(2 * 1024 * 1024), "application/json"),
        await expectGraceful(route, JSON.stringify({ name: "a".repeat(3 * 1024 * 1024) }), "application/json"),
      ];
      if (!route.ignoresBody) expect(Math.min(...huge)).toBeGreaterThanOrEqual(400);
      await expectGraceful(route, "", "application/json");
      await expectGraceful(route, null, null);
      await expectGraceful(route, "<xml/>", "application/xml");
      await expectGraceful(route, "name=x", "application/x-www-form-urlencoded");
      await expectGraceful(route, new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0x80]), "application/json");
      await expectGraceful(route, "{}", "application/json", { "content-length": "99999999999" });
    });

    if (route.yaml) {
      it(`${route.name}: malformed YAML, alias bombs, unsafe tags`, async () => {
        await fc.assert(
          fc.asyncProperty(arbYamlText, async (text) => {
            await expectGraceful(route, text, "application/yaml");
          }),
          { numRuns: 40 },
        );
      });
    }
  }
});
