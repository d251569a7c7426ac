/**
 * Measures (1) database size per run-hour at 100 labels and (2) results time for 200 labels over
 * a 6-hour run. Synthetic but realistic buckets: per label ~13 requests/s (≈ 2700/s at 200 labels,
 * the daily report's rate), long-tailed response times, 2 % errors — written through the same
 * path as the worker (writeRunSeconds + rollupRun), then queried through getRunResults.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx test/measure-run-storage.ts [hours200=6]
 */
import pg from "pg";
import { writeSyntheticRun } from "./synthetic-run";
import { createTestDatabase } from "./test-database";

const hours200 = Number(process.argv[2] ?? 6);

async function main() {
  const db = await createTestDatabase("measure");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db/client");
  const { finalizeRun } = await import("@/lib/runs/finalize-run");
  const { getRunResults } = await import("@/lib/runs/get-run-results");

  const makeRun = (name: string, labels: number, seconds: number, seed: number) => writeSyntheticRun({ name, labels, seconds, seed });

  const size = async () => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } =
      await c.query(`SELECT relname::text AS t, pg_total_relation_size(relid)::bigint AS b FROM pg_catalog.pg_statio_user_tables
      WHERE relname IN ('RunSecond','RunRollup','RunLabel','RendezvousRelease','RunSummaryRow','RunError')`);
    await c.end();
    return Object.fromEntries(rows.map((r: { t: string; b: string }) => [r.t, Number(r.b)]));
  };

  if (process.env.PROFILE) {
    const run = await makeRun("profile", 200, hours200 * 3600, 3);
    const { loadWindow } = await import("@/lib/run-metrics/load-window");
    const { loadRunLabels, loadSecondRange, loadErrorExamples, loadReleases } = await import("@/lib/run-metrics/load-run-meta");
    const { getRunById } = await import("@/lib/runs/get-run-by-id");
    const { summarizeRun } = await import("@/lib/run-metrics/summarize-run");
    const last = run.first + hours200 * 3600 - 1;
    for (let k = 0; k < 3; k++) {
      const step = async <T>(name: string, fn: () => Promise<T>) => {
        const s = performance.now();
        const v = await fn();
        process.stdout.write(`${name} ${Math.round(performance.now() - s)} · `);
        return v;
      };
      await step("getRunById", () => getRunById(run.id));
      await step("range", () => loadSecondRange(run.id));
      const labels = await step("labels", () => loadRunLabels(run.id));
      await step("examples", () => loadErrorExamples(run.id));
      await step("releases", () => loadReleases(run.id));
      const merged5 = await step("window5min", () => loadWindow(run.id, run.first + 1000, run.first + 1299));
      const mergedAll = await step("windowAll", () => loadWindow(run.id, run.first + 17, last - 23));
      await step("summarize5", async () => summarizeRun({ labels, merged: merged5 }));
      await step("summarizeAll", async () => summarizeRun({ labels, merged: mergedAll }));
      await step("results5min", () => getRunResults(run.id, { from: run.first + 1000, to: run.first + 1299, slowThresholdMs: 3000 }));
      await step("resultsAll", () => getRunResults(run.id, { from: run.first + 17, to: last - 23, slowThresholdMs: 3000 }));
      console.log();
    }
    await prisma.$disconnect();
    await db.drop();
    return;
  }

  // (1) 100 labels × 1 hour
  const before = await size();
  const hour = await makeRun("100 labels, 1 h", 100, 3600, 1);
  await finalizeRun(hour.id, { status: "completed" });
  const after = await size();
  const mb = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, +(v / 1e6).toFixed(2)]));
  const delta = Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
  const total = Object.values(delta).reduce((a, b) => a + b, 0);
  console.log(
    `(1) 100 labels × 3600 s: written in ${(hour.ms / 1000).toFixed(1)} s; database size ${(total / 1e6).toFixed(1)} MB per run-hour`,
    mb(delta),
  );

  // (2) 200 labels × N hours
  const long = await makeRun(`200 labels, ${hours200} h`, 200, hours200 * 3600, 2);
  console.log(`(2) 200 labels × ${hours200} h written in ${(long.ms / 1000).toFixed(0)} s`);
  const last = long.first + hours200 * 3600 - 1;
  const t = async (label: string, fn: () => Promise<unknown>) => {
    const times: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      await fn();
      const cu = process.cpuUsage(c);
      times.push(`${Math.round(performance.now() - s)} (cpu ${Math.round((cu.user + cu.system) / 1000)})`);
    }
    console.log(`    ${label}: ${times.join(" / ")} ms wall (Node CPU)`);
  };
  await t("running run, whole range (merged from rollups)", () => getRunResults(long.id, { slowThresholdMs: 3000 }));
  await t("window: almost all, unaligned edges", () => getRunResults(long.id, { from: long.first + 17, to: last - 23 }));
  await t("window: 1 h, unaligned", () => getRunResults(long.id, { from: long.first + 3600 + 31, to: long.first + 7200 + 30 }));
  await t("window: 5 min", () => getRunResults(long.id, { from: long.first + 1000, to: long.first + 1299 }));
  await t("window: worst case (edges at 59 s/59 min/5 × 10 min)", () => getRunResults(long.id, { from: long.first + 1, to: last - 1 }));
  const fs = performance.now();
  await finalizeRun(long.id, { status: "completed" });
  console.log(`    finalizeRun (summary, rows, thresholds): ${Math.round(performance.now() - fs)} ms`);
  await t("finished run, whole run (stored summary)", () => getRunResults(long.id));
  const { getRunLive } = await import("@/lib/runs/get-run-live");
  await t("live poll (since = last − 2)", () => getRunLive(long.id, { since: last - 2 }));
  await prisma.$disconnect();
  await (await import("@/lib/run-metrics/raw-pool")).rawPool().end();
  await db.drop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
