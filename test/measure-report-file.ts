/**
 * Size of the self-contained HTML report file (GET /api/runs/:id/report.html) of a finished run
 * with 200 labels over 6 hours, and the time to render it. Not part of `npm test`.
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx test/measure-report-file.ts \
 *     [--hours 6] [--labels 200] [--out FILE.html] [--keep] [--db URL]
 *
 * Without --db it creates a fresh database and writes the run through the worker's path
 * (writeSyntheticRun, a few minutes for 6 h), then drops the database unless --keep.
 */
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { SYNTHETIC_FIRST_SECOND, writeSyntheticRun } from "./synthetic-run";
import { createTestDatabase } from "./test-database";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const HOURS = Number(arg("hours") ?? 6);
const LABELS = Number(arg("labels") ?? 200);
const RUN_NAME = `${LABELS} labels, ${HOURS} h (report file)`;

async function main(): Promise<void> {
  let drop: (() => Promise<void>) | undefined;
  const given = arg("db");
  if (given) process.env.DATABASE_URL = given;
  else {
    const db = await createTestDatabase("reportfile");
    process.env.DATABASE_URL = db.url;
    if (!process.argv.includes("--keep")) drop = db.drop;
    else console.log(`database kept: ${db.url}`);
  }
  const { prisma } = await import("@/lib/db/client");
  let runId = (await prisma.run.findFirst({ where: { name: RUN_NAME }, select: { id: true } }))?.id;
  if (!runId) {
    const { finalizeRun } = await import("@/lib/runs/finalize-run");
    console.log(`writing ${RUN_NAME} …`);
    const run = await writeSyntheticRun({ name: RUN_NAME, labels: LABELS, seconds: HOURS * 3600, seed: 2 });
    await finalizeRun(run.id, { status: "completed" });
    await prisma.run.update({ where: { id: run.id }, data: { finishedAt: new Date((SYNTHETIC_FIRST_SECOND + HOURS * 3600) * 1000) } });
    console.log(`written in ${(run.ms / 1000).toFixed(0)} s`);
    runId = run.id;
  }
  const { exportRunHtml } = await import("@/lib/report-files/export-run-html");
  for (const locale of ["en", "zh-CN"] as const) {
    const started = performance.now();
    const { html } = await exportRunHtml(runId, locale);
    const ms = performance.now() - started;
    const bytes = Buffer.byteLength(html);
    const gz = gzipSync(html).length;
    console.log(
      `report.html (${locale}): ${bytes} bytes (${(bytes / 1024).toFixed(0)} KiB), gzip ${gz} bytes (${(gz / 1024).toFixed(0)} KiB), rendered in ${ms.toFixed(0)} ms; labels ${LABELS}, ${HOURS} h`,
    );
    const out = arg("out");
    if (out && locale === "en") fs.writeFileSync(out, html);
  }
  await prisma.$disconnect();
  await (await import("@/lib/run-metrics/raw-pool")).rawPool().end();
  await drop?.();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
