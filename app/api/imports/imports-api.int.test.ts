/** The import routes, called as Next calls them: handler(Request, { params }), multipart built with FormData/Blob. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/create-api-token";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-run-db";
import * as list from "./route";
import * as one from "./[importId]/route";
import * as jmeter from "./jmeter/route";
import * as log from "./jmeter-log/route";
import * as jmx from "./jmx/route";
import * as exportJmx from "@/app/api/scenarios/[scenarioId]/jmx/route";

const FIXTURES = path.join(import.meta.dirname, "../../../lib/jmeter/fixtures");
const read = (name: string) => readFileSync(path.join(FIXTURES, name));
const BASE = "http://localhost/api";
const p = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

/** Bearer token of a tester: the JTL route authenticates by itself (authorize-upload.ts). */
let token = "";
async function tokenFor(role: "viewer" | "tester"): Promise<string> {
  const user = await prisma.user.create({
    data: { email: `${role}-${Math.random().toString(36).slice(2)}@example.test`, name: role, role },
  });
  return (await createApiToken(user.id, { name: "imports test" })).token;
}

function upload(url: string, file: Buffer | string, fileName: string, fields: Record<string, string> = {}, bearer: string | null = token) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([typeof file === "string" ? file : new Uint8Array(file)]), fileName);
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body: form,
    ...(bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {}),
  });
}

describe("import routes", () => {
  beforeEach(async () => {
    await resetDatabase();
    token = await tokenFor("tester");
  });
  afterEach(() => {
    delete process.env.JTL_IMPORT_MAX_BYTES;
  });

  it("POST /imports/jmeter: a JTL → 201 with the run; GET /imports/:id and /imports show it", async () => {
    const res = await jmeter.POST(
      upload("/imports/jmeter", read("csv-header.jtl"), "csv-header.jtl", { utcOffsetMinutes: "0" }),
      undefined,
    );
    const body = ((await res.json()) as { data: { importId: string; runId: string; samples: number } }).data;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.samples).toBe(473);
    const got = await one.GET(new Request(`${BASE}/imports/${body.importId}`), p({ importId: body.importId }));
    const rec = ((await got.json()) as { data: { status: string; bytesRead: number; runId: string } }).data;
    expect([rec.status, rec.runId]).toEqual(["completed", body.runId]);
    expect(rec.bytesRead).toBe(read("csv-header.jtl").length);
    const all = (await (await list.GET(new Request(`${BASE}/imports?status=completed`), undefined)).json()) as { data: unknown[] };
    expect(all.data).toHaveLength(1);
    expect((await one.GET(new Request(`${BASE}/imports/nope`), p({ importId: "nope" }))).status).toBe(404);
    expect(await prisma.auditLog.count({ where: { action: "import.create" } })).toBe(1);
  });

  it("POST /imports/jmeter: fixed module and header-less fields; bad input is 4xx, never 500", async () => {
    const fields = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency";
    const ok = await jmeter.POST(
      upload("/imports/jmeter", read("csv-noheader.jtl"), "old.jtl", { module: "vote", moduleMapping: "fixed", fields }),
      undefined,
    );
    const okBody = ((await ok.json()) as { data: { runId: string } }).data;
    expect(ok.status, JSON.stringify(okBody)).toBe(201);
    expect((await prisma.runSummaryRow.findMany({ where: { runId: okBody.runId, scope: "module" } })).map((r) => r.module)).toEqual([
      "vote",
    ]);

    const lines = read("csv-header.jtl").toString("utf8").split("\n");
    const truncated = [...lines.slice(0, 30), lines[30]!.slice(0, 15)].join("\n");
    const bad = await jmeter.POST(upload("/imports/jmeter", truncated, "cut.jtl"), undefined);
    const badBody = (await bad.json()) as { error: string; importId: string };
    expect(bad.status).toBe(400);
    expect(badBody.error).toMatch(/line \d+/);
    const rec = (
      (await (await one.GET(new Request(`${BASE}/imports/${badBody.importId}`), p({ importId: badBody.importId }))).json()) as {
        data: { status: string; error: string };
      }
    ).data;
    expect(rec.status).toBe("failed");
    expect(rec.error).toMatch(/line \d+/);

    expect(
      (await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", { moduleMapping: "fixed" }), undefined)).status,
    ).toBe(400);
    // Label rules: first match wins, `module` is the fallback; a bad regex is a 400.
    const byLabel = await jmeter.POST(
      upload("/imports/jmeter", read("csv-header.jtl"), "rules.jtl", {
        moduleMapping: "label",
        moduleRules: "^GET /(fast|slow) => reads\n^POST => writes",
        module: "other",
      }),
      undefined,
    );
    const byLabelBody = ((await byLabel.json()) as { data: { runId: string } }).data;
    expect(byLabel.status, JSON.stringify(byLabelBody)).toBe(201);
    const ruleModules = (await prisma.runSummaryRow.findMany({ where: { runId: byLabelBody.runId, scope: "module" } }))
      .map((r) => r.module)
      .sort();
    expect(ruleModules).toEqual(["other", "reads", "writes"]);
    const badRule = await jmeter.POST(
      upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", { moduleMapping: "label", moduleRules: "([ => x" }),
      undefined,
    );
    expect(badRule.status).toBe(400);
    expect(((await badRule.json()) as { error: string }).error).toMatch(/moduleRules: rule 1/);
    // The daily report to join: reportId, or its deprecated alias roundId; an unknown one is a 400.
    expect((await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", { reportId: "nope" }), undefined)).status).toBe(
      400,
    );
    expect((await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", { roundId: "nope" }), undefined)).status).toBe(
      400,
    );
    const auth = { authorization: `Bearer ${token}` };
    const notMultipart = await jmeter.POST(
      new Request(`${BASE}/imports/jmeter`, { method: "POST", headers: { "content-type": "text/csv", ...auth }, body: "a,b" }),
      undefined,
    );
    expect(notMultipart.status).toBe(415);
    const form = new FormData();
    form.append("module", "x");
    expect(
      (await jmeter.POST(new Request(`${BASE}/imports/jmeter`, { method: "POST", body: form, headers: auth }), undefined)).status,
    ).toBe(400);
    // The route authenticates by itself: no credentials → 401, a viewer → 403, forged actor headers ignored.
    const anonymous = await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", {}, null), undefined);
    expect(anonymous.status).toBe(401);
    const forged = upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", {}, null);
    forged.headers.set("x-musterpoint-user-role", "admin");
    expect((await jmeter.POST(forged, undefined)).status).toBe(401);
    expect(
      (await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "x.jtl", {}, await tokenFor("viewer")), undefined)).status,
    ).toBe(403);

    // A multipart body cut off inside the file (client gone): a failed import, not a hang.
    const cut = `--b0\r\nContent-Disposition: form-data; name="file"; filename="gone.jtl"\r\nContent-Type: text/csv\r\n\r\n${read("csv-header.jtl").toString("utf8").slice(0, 3000)}`;
    const gone = await jmeter.POST(
      new Request(`${BASE}/imports/jmeter`, {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=b0", ...auth },
        body: cut,
      }),
      undefined,
    );
    const goneBody = (await gone.json()) as { error: string; importId: string };
    expect(gone.status).toBe(400);
    expect(goneBody.error).toMatch(/upload ended before the file did/);
    expect((await prisma.import.findUniqueOrThrow({ where: { id: goneBody.importId } })).status).toBe("failed");

    process.env.JTL_IMPORT_MAX_BYTES = "2000";
    const big = await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "big.jtl"), undefined);
    expect(big.status).toBe(413);
    // Only the good uploads made runs.
    expect(await prisma.run.count()).toBe(2);
  });

  it("POST /imports/jmeter-log: JSON and text/plain → 201; no summariser line → 400", async () => {
    const text = read("daily-stress-report.md").toString("utf8");
    const res = await log.POST(
      new Request(`${BASE}/imports/jmeter-log`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      }),
      undefined,
    );
    const body = ((await res.json()) as { data: { runId: string; warnings: string[] } }).data;
    expect(res.status).toBe(201);
    expect(body.warnings.some((w) => /duplicate/.test(w))).toBe(true);
    expect(await prisma.runSummaryRow.count({ where: { runId: body.runId, scope: "module" } })).toBe(17);
    const plain = await log.POST(
      new Request(`${BASE}/imports/jmeter-log?module=vote`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "summary =    473 in     9s =   52.6/s Avg:    92 Min:     4 Max:   523 Err:    35 (7.40%)",
      }),
      undefined,
    );
    const plainBody = ((await plain.json()) as { data: { runId: string } }).data;
    expect(plain.status).toBe(201);
    expect((await prisma.runSummaryRow.findMany({ where: { runId: plainBody.runId, scope: "module" } })).map((r) => r.module)).toEqual([
      "vote",
    ]);
    const none = await log.POST(
      new Request(`${BASE}/imports/jmeter-log`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "hello" }),
      }),
      undefined,
    );
    expect(none.status).toBe(400);
    const nul = await log.POST(
      new Request(`${BASE}/imports/jmeter-log?name=a%00b`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "summary = 1 in 1s = 1.0/s Avg: 1 Min: 1 Max: 1 Err: 0 (0.00%)\u0000",
      }),
      undefined,
    );
    expect(nul.status).toBe(400);
    const nulName = await jmeter.POST(upload("/imports/jmeter", read("csv-header.jtl"), "a\u0000b\ud800.jtl"), undefined);
    expect(nulName.status).toBeLessThan(500);
  });

  it("POST /imports/jmx: the fixture plan → scenarios + report; GET /scenarios/:id/jmx exports; a broken plan creates nothing", async () => {
    const res = await jmx.POST(upload("/imports/jmx", read("plan.jmx"), "plan.jmx"), undefined);
    const body = (
      (await res.json()) as {
        data: { scenarioIds: string[]; scenarios: { module: string }[]; report: { skipped: unknown[]; approximated: unknown[] } };
      }
    ).data;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.scenarioIds.length).toBeGreaterThanOrEqual(2);
    expect(body.scenarios.map((s) => s.module).sort()).toEqual(expect.arrayContaining(["Vote_Interface_Test", "incoming"]));
    expect(await prisma.scenario.count()).toBe(body.scenarioIds.length);
    // Again: same names get " (imported)", nothing collides.
    const again = await jmx.POST(upload("/imports/jmx", read("plan.jmx"), "plan.jmx"), undefined);
    expect(again.status).toBe(201);

    const id = body.scenarioIds[0]!;
    const out = await exportJmx.GET(new Request(`${BASE}/scenarios/${id}/jmx`), p({ scenarioId: id }));
    expect(out.status).toBe(200);
    expect(out.headers.get("content-disposition")).toMatch(/attachment/);
    expect(await out.text()).toMatch(/<jmeterTestPlan/);
    expect((await exportJmx.GET(new Request(`${BASE}/scenarios/nope/jmx`), p({ scenarioId: "nope" }))).status).toBe(404);

    const before = await prisma.scenario.count();
    const broken = await jmx.POST(upload("/imports/jmx", read("plan.jmx").toString("utf8").slice(0, 2000), "cut.jmx"), undefined);
    const brokenBody = (await broken.json()) as { error: string; importId: string };
    expect(broken.status).toBe(400);
    expect(brokenBody.importId).toBeTruthy();
    expect(await prisma.scenario.count()).toBe(before);
    expect((await prisma.import.findUniqueOrThrow({ where: { id: brokenBody.importId } })).status).toBe("failed");
  });
});
