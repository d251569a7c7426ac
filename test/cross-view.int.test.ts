/**
 * One run, every view, the same figures. An engine run (real HTTP against a loopback target, run by
 * the worker) and an imported JTL run go through every place a figure is shown — the API's runs
 * list, results and summary, the runs page's list, the run page's data, the daily report, its
 * Markdown and CSV, and the share page's data — and each figure (duration, samples, average,
 * error %, rendezvous releases, slow list) must read the same everywhere, by the rules of
 * lib/run-metrics/figures.ts and lib/run-metrics/slow-interfaces.ts.
 *
 * The JTL is built so the old disagreements show: an interface averaging 300.4 ms against a 300 ms
 * threshold (slow by the exact average, not by the shown one), 1 error in 800 samples (0.125 %:
 * 0.13 rounded half-up, 0.12 half-even as JMeter prints it), and an import whose wall time (the
 * import's own seconds) is nothing like its samples' 30 s.
 */
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runRoutes from "@/app/api/runs/route";
import * as resultsRoute from "@/app/api/runs/[runId]/results/route";
import * as summaryRoute from "@/app/api/runs/[runId]/summary/route";
import { prisma } from "@/lib/db/client";
import { formatDuration } from "@/lib/engine/metrics/summary-line";
import type { TRunSummary } from "@/lib/engine/metrics/types";
import { startTarget, type TTarget } from "@/lib/engine/testing/target";
import { importJtlFile } from "@/lib/imports/import-jtl-file";
import { displayAverageMs, errorPercent, releaseCount, runDurationSeconds, summaryDurationSeconds } from "@/lib/run-metrics/figures";
import { slowInterfaces, type TSlowInterface } from "@/lib/run-metrics/slow-interfaces";
import { createReport } from "@/lib/reports/create-report";
import { exportReportCsv } from "@/lib/reports/export-csv";
import { exportReportMarkdown } from "@/lib/reports/export-markdown";
import { getReport } from "@/lib/reports/get-report";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { findRuns, type TRunRow } from "@/lib/runs/find-runs";
import { getRunById } from "@/lib/runs/get-run-by-id";
import { getRunResults, type TRunResults } from "@/lib/runs/get-run-results";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { createShareLink } from "@/lib/share/create-share-link";
import { resolveShareLink } from "@/lib/share/resolve-share-link";
import { runWorker } from "@/lib/worker/run-worker";
import { resetDatabase } from "./reset-run-db";
import { createTestModule, scenarioDoc } from "./run-fixtures";

const SLOW_MS = 300;
const ENGINE_MODULE = "cross-engine";
const IMPORT_MODULE = "cross-import";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ctx = (runId: string) => ({ params: Promise.resolve({ runId }) });
const apiJson = async <T>(res: Response): Promise<T> => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: T }).data;
};

/** 795 samples of GET /ok over ~30 s (one failed) and 5 of GET /edge averaging 300.4 ms: 1 error in 800. */
function crossJtl(baseMs: number): string {
  const head =
    "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,URL,Latency,SampleCount,ErrorCount,IdleTime,Connect";
  const rows: string[] = [];
  for (let i = 0; i < 795; i++) {
    const failed = i === 400;
    rows.push(
      `${baseMs + i * 38},20,GET /ok,${failed ? 500 : 200},${failed ? "Internal Server Error" : "OK"},tg 1-1,text,${!failed},100,1,1,http://127.0.0.1:1/ok,20,1,${failed ? 1 : 0},0,1`,
    );
  }
  [300, 300, 301, 301, 300].forEach((elapsed, i) =>
    rows.push(
      `${baseMs + 1000 + i * 5000},${elapsed},GET /edge,200,OK,tg 1-1,text,true,100,1,1,http://127.0.0.1:1/edge,${elapsed},1,0,0,1`,
    ),
  );
  // A JTL is in the order samples ended, roughly: sort by timestamp as JMeter's writer would.
  rows.sort((a, b) => Number(a.split(",")[0]) - Number(b.split(",")[0]));
  return [head, ...rows].join("\n") + "\n";
}

/** The figures one view shows for a run. */
interface TFigures {
  durationSeconds: number;
  samples: number;
  avgMs: number;
  errorPct: number;
}

/** `summary = N in hh:mm:ss = r/s Avg: A Min: … Err: e (p%)` → its figures (Avg is JMeter's whole ms). */
function lineFigures(line: string) {
  const m = /summary = +(\d+) in (\d\d):(\d\d):(\d\d) = +[\d.*]+\/s Avg: +(\d+) .* Err: +(\d+) \((\d+\.\d\d)%\)/.exec(line);
  expect(m, line).not.toBeNull();
  const [, n, h, mi, s, avg, , pct] = m!;
  return {
    samples: Number(n),
    durationSeconds: Number(h) * 3600 + Number(mi) * 60 + Number(s),
    avgWholeMs: Number(avg),
    errorPct: Number(pct),
  };
}

let target: TTarget;
let stopWorker: () => Promise<void>;
let engineRunId: string;
let importRunId: string;
let reportId: string;
let shareToken: string;

beforeAll(async () => {
  await resetDatabase();
  target = await startTarget({ keepLog: false });
  await prisma.setting.create({ data: { key: "slowThresholdMs", value: SLOW_MS } });
  const controller = new AbortController();
  const done = runWorker({
    workerId: "cross-view",
    databaseUrl: process.env.DATABASE_URL!,
    signal: controller.signal,
    pollMs: 200,
    engineWorkers: 0,
    log: () => {},
  });
  stopWorker = async () => {
    controller.abort();
    await done;
  };

  const mod = await createTestModule(ENGINE_MODULE);
  const { id: scenarioId } = await createScenario({
    moduleId: mod.id,
    definition: scenarioDoc({
      name: "cross",
      baseUrl: target.url,
      load: { vus: 4, durationSeconds: 3, gracefulStopSeconds: 2 },
      steps: [
        { request: { name: "fast", path: "/fast" } },
        { rendezvous: { name: "submit", policy: { count: 4 }, timeoutSeconds: 2 } },
        { request: { name: "slow vote", method: "POST", path: "/delay/350", json: { v: 1 } } },
        { request: { name: "flaky", path: "/flaky" } },
      ],
    } as never),
  });
  engineRunId = (await enqueueRun({ scenarioIds: [scenarioId] })).id;

  const imported = await importJtlFile(Readable.from([crossJtl(Date.UTC(2026, 11, 1, 6, 0, 0))]), {
    fileName: "cross.jtl",
    modules: { by: "fixed", module: IMPORT_MODULE },
    utcOffsetMinutes: 0,
  });
  expect(imported.status).toBe("completed");
  importRunId = imported.runId!;

  for (const deadline = Date.now() + 40_000; (await getRunById(engineRunId)).status !== "completed"; await sleep(200))
    if (Date.now() > deadline) throw new Error(`engine run still ${(await getRunById(engineRunId)).status}`);

  reportId = (await createReport({ name: "cross-view", date: "2026-12-06", runIds: [engineRunId, importRunId], slowThresholdMs: SLOW_MS }))
    .id;
  shareToken = (await createShareLink({ reportId: reportId })).token;
}, 90_000);

afterAll(async () => {
  await stopWorker?.();
  await target?.close();
});

describe("every view shows the same figures", () => {
  for (const which of ["engine", "imported"] as const) {
    it(`${which} run: API, runs list, run page, report, Markdown, CSV and share page agree`, async () => {
      const runId = which === "engine" ? engineRunId : importRunId;
      const moduleName = which === "engine" ? ENGINE_MODULE : IMPORT_MODULE;

      // The reference: GET /api/runs/:id/summary (the CLI's --json shape).
      const summary = await apiJson<TRunSummary>(await summaryRoute.GET(new Request(`http://x/api/runs/${runId}/summary`), ctx(runId)));
      const total = summary.total;
      expect(total.samples).toBeGreaterThan(10);
      const expected: TFigures = {
        durationSeconds: summaryDurationSeconds(summary),
        samples: total.samples,
        avgMs: displayAverageMs(total.avgMs),
        errorPct: errorPercent(total.errors, total.samples),
      };
      const expectedSlow = slowInterfaces(summary.labels, SLOW_MS);
      const slowKey = (s: TSlowInterface) => `${s.method ?? ""} ${s.url} ${s.avgMs} ${s.samples}`;
      // The summary's own total line says the same duration, samples, average and error %.
      const totalLine = lineFigures(total.summaryLine);
      expect(totalLine).toEqual({
        samples: expected.samples,
        durationSeconds: expected.durationSeconds,
        avgWholeMs: Math.trunc(expected.avgMs),
        errorPct: expected.errorPct,
      });

      if (which === "engine") {
        expect(summary.rendezvous.length).toBeGreaterThan(0);
        expect(expectedSlow.map((s) => s.label)).toEqual(["slow vote"]);
        expect(expected.errorPct).toBeGreaterThan(0);
      } else {
        expect(expected).toEqual({ durationSeconds: 30, samples: 800, avgMs: 21.7, errorPct: 0.12 });
        // 300.4 ms shows as 300: not over 300 ms, on any view.
        expect(expectedSlow).toEqual([]);
      }
      const releases = releaseCount(summary.rendezvous);

      // GET /api/runs/:id/results (and the run page, which renders the same getRunResults).
      const api = await apiJson<TRunResults>(await resultsRoute.GET(new Request(`http://x/api/runs/${runId}/results`), ctx(runId)));
      const page = await getRunResults(runId);
      const run = await getRunById(runId);
      for (const r of [api, page]) {
        const s = r.summary;
        expect({
          durationSeconds: runDurationSeconds({
            samples: s.total.samples,
            sampleSpanMs: Math.round(s.elapsedSeconds * 1000),
            startedAt: run.startedAt,
            finishedAt: run.finishedAt,
          }),
          samples: s.total.samples,
          avgMs: displayAverageMs(s.total.avgMs),
          errorPct: errorPercent(s.total.errors, s.total.samples),
        }).toEqual(expected);
        expect(releaseCount(s.rendezvous)).toBe(releases);
        expect(r.slowInterfaces.map(slowKey)).toEqual(expectedSlow.map(slowKey));
        // The run page's slow list recomputes from the label rows it was sent.
        expect(slowInterfaces(s.labels, r.slowThresholdMs).map(slowKey)).toEqual(expectedSlow.map(slowKey));
      }

      // GET /api/runs and the runs page: one list function.
      const listed = (await apiJson<TRunRow[]>(await runRoutes.GET(new Request("http://x/api/runs?take=200"), undefined))).find(
        (r) => r.id === runId,
      )!;
      const pageRow = (await findRuns({ take: 200 })).find((r) => r.id === runId)!;
      for (const row of [listed, pageRow])
        expect({ durationSeconds: row.durationSeconds, samples: row.samples, errorPct: row.errorPct }).toEqual({
          durationSeconds: expected.durationSeconds,
          samples: expected.samples,
          errorPct: expected.errorPct,
        });

      // The daily report and the share page (the same getReport, reached through the token).
      const shared = await resolveShareLink(shareToken);
      expect(shared?.reportId).toBe(reportId);
      for (const report of [await getReport(reportId), await getReport(shared!.reportId)]) {
        const row = report.modules.find((m) => m.runId === runId && m.module === moduleName)!;
        expect(row, `${moduleName} row`).toBeDefined();
        expect({
          durationSeconds: lineFigures(row.summaryLine).durationSeconds,
          samples: row.samples,
          avgMs: row.avgMs,
          errorPct: row.errorPct,
        }).toEqual(expected);
        const mine = report.slowInterfaces.filter((s) => s.module === moduleName);
        expect(mine.map(slowKey)).toEqual(expectedSlow.map(slowKey));
      }

      // Markdown: the module's summary line and the slow list rows.
      const { markdown } = await exportReportMarkdown(reportId, "en");
      const mdLine = markdown.split("\n").find((l) => l.startsWith(`| ${moduleName} |`));
      expect(mdLine, markdown).toBeDefined();
      expect(lineFigures(mdLine!)).toEqual(totalLine);
      for (const s of expectedSlow) expect(markdown).toContain(`${s.url} | ${s.avgMs} |`);
      if (which === "imported") expect(markdown).not.toContain("127.0.0.1:1/edge");

      // CSV: every label row of the run, as the run page's label table has it.
      const { csv } = await exportReportCsv(reportId);
      const [head, ...lines] = csv
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n");
      const cols = head!.split(",");
      const at = (cells: string[], name: string) => cells[cols.indexOf(name)]!;
      const csvRows = lines.map((l) => l.split(",")).filter((c) => at(c, "run_id") === runId);
      const labels = summary.labels.filter((l) => l.kind === "request" || l.kind === "transaction");
      expect(csvRows.length).toBeGreaterThanOrEqual(labels.length);
      for (const l of labels) {
        const c = csvRows.find((cells) => at(cells, "label") === l.label)!;
        expect(c, l.label).toBeDefined();
        expect({ samples: Number(at(c, "samples")), avgMs: Number(at(c, "avg_ms")), errorPct: at(c, "error_pct") }).toEqual({
          samples: l.samples,
          avgMs: displayAverageMs(l.avgMs),
          errorPct: errorPercent(l.errors, l.samples).toFixed(2),
        });
      }
      console.log(
        `${which}: ${formatDuration(expected.durationSeconds)} · ${expected.samples} samples · avg ${expected.avgMs} ms · ${expected.errorPct.toFixed(2)} % errors · ${releases} releases · slow ${expectedSlow.map((s) => s.url).join(", ") || "none"}`,
      );
    });
  }
});
