/**
 * A synthetic but realistic run written through the worker's path (writeRunSeconds + rollupRun):
 * per label ~13 requests/s (≈ 2700/s at 200 labels, the daily report's rate), long-tailed response
 * times, 2 % errors, and a few saturated generator seconds. Shared by the measurement scripts.
 * Call with DATABASE_URL already pointing at the database to fill.
 */
import type { TPackedLabel } from "@/lib/run-metrics/bucket-codec";

/** Epoch second the synthetic runs start at. */
export const SYNTHETIC_FIRST_SECOND = 1_800_000_000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * Writes `labels` labels × `seconds` seconds into a new run (status running; finalize it with
 * finalizeRun). Every 600th second starts 20 saturated seconds.
 */
export async function writeSyntheticRun(options: {
  name: string;
  labels: number;
  seconds: number;
  seed: number;
}): Promise<{ id: string; first: number; ms: number }> {
  const { prisma } = await import("@/lib/db/client");
  const { writeRunSeconds } = await import("@/lib/run-metrics/write-run-seconds");
  const { rollupRun } = await import("@/lib/run-metrics/rollup-run");
  const { indexOfValue } = await import("@/lib/run-metrics/histogram-index");
  const { secondTotals } = await import("@/lib/run-metrics/pack-second");
  const { name, labels, seconds, seed } = options;
  await prisma.module.upsert({ where: { name: "m" }, create: { name: "m" }, update: {} });
  const first = SYNTHETIC_FIRST_SECOND;
  const run = await prisma.run.create({ data: { name, status: "running", scenarios: [], startedAt: new Date(first * 1000) } });
  const r = rng(seed);
  const base = Array.from({ length: labels }, (_, l) => (l === 0 ? 3500 : 5 + r() * 200));
  const newLabels = Array.from({ length: labels }, (_, l) => ({
    index: l,
    label: `POST /api/rest/v1/module${l % 10}/op${l}`,
    module: `module${l % 10}`,
    kind: "request" as const,
    method: "POST",
    url: `http://127.0.0.1/api/rest/v1/module${l % 10}/op${l}`,
  }));
  const started = Date.now();
  let batch: Parameters<typeof writeRunSeconds>[1]["seconds"] = [];
  for (let s = 0; s < seconds; s++) {
    const second = first + s;
    const packed: TPackedLabel[] = [];
    for (let l = 0; l < labels; l++) {
      const n = 1 + Math.floor(r() * 25);
      const counts = new Map<number, number>();
      let sum = 0,
        min = Infinity,
        max = 0,
        errors = 0,
        firstStart = Infinity,
        lastEnd = 0;
      for (let k = 0; k < n; k++) {
        const ms = Math.round(base[l]! * (0.5 + r() ** 4 * 6) * 1000) / 1000;
        const end = second * 1000 + r() * 1000;
        sum += ms;
        min = Math.min(min, ms);
        max = Math.max(max, ms);
        firstStart = Math.min(firstStart, end - ms);
        lastEnd = Math.max(lastEnd, end);
        if (r() < 0.02) errors++;
        const i = indexOfValue(ms * 1000);
        counts.set(i, (counts.get(i) ?? 0) + 1);
      }
      const pairs = [...counts.entries()].sort((a, b) => a[0] - b[0]).flat();
      packed.push({
        labelIndex: l,
        count: n,
        errors,
        errorsByKind: errors ? { http_status: errors } : {},
        sumMs: sum,
        minMs: min,
        maxMs: max,
        latencySumMs: sum * 0.8,
        connectSumMs: 0,
        bytesReceived: n * 350,
        bytesSent: n * 120,
        firstStartMs: firstStart,
        lastEndMs: lastEnd,
        pairs,
      });
    }
    batch.push({
      second,
      activeVus: 500,
      saturated: s % 600 >= 300 && s % 600 < 320,
      labels: packed,
      totals: secondTotals(packed, () => true),
    });
    if (batch.length === 60 || s === seconds - 1) {
      await writeRunSeconds(run.id, { labels: s < 60 ? newLabels : [], seconds: batch, releases: [] });
      batch = [];
      await rollupRun(run.id, { throughSecond: second });
    }
  }
  return { id: run.id, first, ms: Date.now() - started };
}
