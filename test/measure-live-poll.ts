/**
 * Server time of one live-page poll (getRunLive: series, summary lines, the per-label table, and
 * the picked labels' series) for a running run of 200 labels, by the run's length. Not part of
 * `npm test`.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx test/measure-live-poll.ts [--hours 1] [--polls 10]
 *
 * Creates a fresh database, writes the run (writeSyntheticRun), marks it running, then times
 * `polls` polls as the page makes them (since = the newest second − 1, three labels picked) and
 * one first poll (no since: the 900 s backlog and the picked labels' backlog). Prints medians.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { SYNTHETIC_FIRST_SECOND, writeSyntheticRun } from "./synthetic-run";
import { createTestDatabase } from "./test-database";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const HOURS = Number(arg("hours") ?? 1);
const POLLS = Number(arg("polls") ?? 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

async function main() {
  const db = await createTestDatabase("live");
  process.env.DATABASE_URL = db.url;
  const { prisma } = await import("@/lib/db/client");
  const { getRunLive } = await import("@/lib/runs/get-run-live");
  try {
    const seconds = Math.round(HOURS * 3600);
    const run = await writeSyntheticRun({ name: "live measure", labels: 200, seconds, seed: 3 });
    await prisma.run.update({
      where: { id: run.id },
      data: { status: "running", startedAt: new Date(SYNTHETIC_FIRST_SECOND * 1000), finishedAt: null },
    });
    console.log(`run of 200 labels × ${seconds} s written in ${(run.ms / 1000).toFixed(0)} s; load avg ${os.loadavg()[0]!.toFixed(2)}`);
    const newest = SYNTHETIC_FIRST_SECOND + seconds - 1;
    const t0 = performance.now();
    const first = await getRunLive(run.id, { series: [0, 1, 2] });
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let i = 0; i < POLLS; i++) {
      const t = performance.now();
      const live = await getRunLive(run.id, { since: newest - 1, series: [0, 1, 2], seriesSince: newest - 1 });
      times.push(performance.now() - t);
      if (live.labels?.length !== first.labels?.length) throw new Error("label table changed between polls");
    }
    const bytes = JSON.stringify(await getRunLive(run.id, { since: newest - 1, series: [0, 1, 2], seriesSince: newest - 1 })).length;
    console.log(
      `first poll ${firstMs.toFixed(0)} ms (${first.points.length} points, ${first.labelSeries.length} label-seconds, ${first.labels?.length} labels); ` +
        `steady poll median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${POLLS}; response ${(bytes / 1024).toFixed(1)} KB; load avg ${os.loadavg()[0]!.toFixed(2)}`,
    );
  } finally {
    await prisma.$disconnect();
    await (await import("@/lib/run-metrics/raw-pool")).rawPool().end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
