/** JMeter imports against a real PostgreSQL, with fixtures written by real JMeter 2.13. */
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { parseSummariserLog, type TSummariserRow } from "@/lib/jmeter";
import { getRunResults } from "@/lib/runs/get-run-results";
import { resetDatabase } from "@/test/reset-run-db";
import { findImports } from "./find-imports";
import { getImport } from "./get-import";
import { importJtlFile } from "./import-jtl-file";
import { importSummariserLog } from "./import-summariser-log";

const FIXTURES = path.join(import.meta.dirname, "../jmeter/fixtures");
const fixture = (name: string) => path.join(FIXTURES, name);

/** JMeter's final `name = …` line per summariser name. */
function jmeterLines(name: string): Map<string, TSummariserRow> {
  const { rows } = parseSummariserLog(readFileSync(fixture(`${name}.summary.txt`), "utf8"));
  return new Map(rows.map((r) => [r.name, r]));
}

const figuresOf = (r: { samples: bigint; errors: bigint; sumMs: number; minMs: number; maxMs: number }) => ({
  samples: Number(r.samples),
  avg: Math.trunc(r.sumMs / Number(r.samples)),
  min: r.minMs,
  max: r.maxMs,
  errors: Number(r.errors),
});
const jmeterFigures = (j: TSummariserRow) => ({ samples: j.samples, avg: j.avgMs, min: j.minMs, max: j.maxMs, errors: j.errors });

async function expectMatchesJmeter(runId: string, fixtureName: string) {
  const jm = jmeterLines(fixtureName);
  const rows = await prisma.runSummaryRow.findMany({ where: { runId } });
  const total = rows.find((r) => r.scope === "total")!;
  expect(figuresOf(total)).toEqual(jmeterFigures(jm.get("summary")!));
  for (const group of ["Vote_Interface_Test", "incoming"]) {
    const row = rows.find((r) => r.scope === "module" && r.module === group);
    expect(row, group).toBeDefined();
    expect(figuresOf(row!)).toEqual(jmeterFigures(jm.get(group)!));
  }
  return rows;
}

describe("JMeter imports", () => {
  beforeEach(resetDatabase);

  it("CSV with header → a completed jmeter_jtl run whose summary rows equal JMeter's summariser; results page works", async () => {
    const r = await importJtlFile(createReadStream(fixture("csv-header.jtl"), { highWaterMark: 4096 }), {
      fileName: "csv-header.jtl",
      utcOffsetMinutes: 0,
    });
    expect(r.status, r.error ?? "").toBe("completed");
    expect(r.samples).toBe(473);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: r.runId! } });
    expect([run.source, run.status, run.name]).toEqual(["jmeter_jtl", "completed", "csv-header"]);
    expect(run.startedAt!.getTime()).toBeLessThan(run.finishedAt!.getTime());
    const rows = await expectMatchesJmeter(r.runId!, "csv-header");
    // Per label too: JMeter's per-sampler summarisers (those outside a transaction see only their sampler).
    const jm = jmeterLines("csv-header");
    for (const label of ["GET /slow", "GET /flaky"]) {
      const mine = rows.filter((x) => x.scope === "label" && x.label === label);
      const summed = { samples: 0n, errors: 0n, sumMs: 0, minMs: Infinity, maxMs: -Infinity };
      for (const m of mine)
        Object.assign(summed, {
          samples: summed.samples + m.samples,
          errors: summed.errors + m.errors,
          sumMs: summed.sumMs + m.sumMs,
          minMs: Math.min(summed.minMs, m.minMs),
          maxMs: Math.max(summed.maxMs, m.maxMs),
        });
      expect(figuresOf(summed), label).toEqual(jmeterFigures(jm.get(`label:${label}`)!));
    }
    expect(await prisma.runSecond.count({ where: { runId: r.runId! } })).toBeGreaterThan(3);
    expect(await prisma.runRollup.count({ where: { runId: r.runId! } })).toBeGreaterThan(0);

    const results = await getRunResults(r.runId!, { slowThresholdMs: 3000 });
    expect(results.summary.total.samples).toBe(473);
    // avgMs keeps 3 decimals (lib/run-metrics/figures.ts); JMeter prints it truncated.
    expect(Math.trunc(results.summary.total.avgMs)).toBe(jm.get("summary")!.avgMs);
    expect(results.timeline.length).toBeGreaterThan(0);
    const window = await getRunResults(r.runId!, {
      from: results.range!.firstSecond,
      to: results.range!.lastSecond,
      slowThresholdMs: 3000,
    });
    expect(window.summary.labels.reduce((a, l) => a + l.samples, 0)).toBe(473);

    const imp = await getImport(r.importId);
    expect([imp.status, imp.kind, imp.samples, imp.runId]).toEqual(["completed", "jtl_csv", 473, r.runId]);
    expect(imp.bytesRead).toBe(readFileSync(fixture("csv-header.jtl")).length);
    expect((await findImports()).map((i) => i.id)).toEqual([r.importId]);
  });

  it("header-less CSV (JMeter 2.13 default) with an explicit field list; XML", async () => {
    const fields =
      "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency".split(",");
    const csv = await importJtlFile(createReadStream(fixture("csv-noheader.jtl")), {
      fileName: "csv-noheader.jtl",
      fields,
      utcOffsetMinutes: 0,
    });
    expect(csv.status, csv.error ?? "").toBe("completed");
    await expectMatchesJmeter(csv.runId!, "csv-noheader");
    const xml = await importJtlFile(createReadStream(fixture("xml.jtl")), { fileName: "xml.jtl", utcOffsetMinutes: 0 });
    expect(xml.status, xml.error ?? "").toBe("completed");
    expect((await getImport(xml.importId)).kind).toBe("jtl_xml");
    await expectMatchesJmeter(xml.runId!, "xml");
  });

  it("fixed module mapping and a round link", async () => {
    const round = await prisma.report.create({ data: { name: "峰值脚本压测", date: new Date("2026-11-21") } });
    const r = await importJtlFile(createReadStream(fixture("csv-header.jtl")), {
      fileName: "x.jtl",
      modules: { by: "fixed", module: "vote" },
      reportId: round.id,
      utcOffsetMinutes: 0,
    });
    expect(r.status).toBe("completed");
    const modules = await prisma.runSummaryRow.findMany({ where: { runId: r.runId!, scope: "module" } });
    expect(modules.map((m) => m.module)).toEqual(["vote"]);
    expect(await prisma.reportRun.count({ where: { reportId: round.id, runId: r.runId! } })).toBe(1);
  });

  it("truncated and binary files → Import failed naming the line, no run rows", async () => {
    const text = readFileSync(fixture("csv-header.jtl"), "utf8");
    const lines = text.split("\n");
    const truncated = [...lines.slice(0, 50), lines[50]!.slice(0, 20)].join("\n");
    const bad = await importJtlFile(Readable.from([Buffer.from(truncated)]), { fileName: "truncated.jtl" });
    expect(bad.status).toBe("failed");
    expect(bad.error).toMatch(/line \d+/);
    const junk = Buffer.alloc(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919) % 256;
    const bin = await importJtlFile(Readable.from([junk]), { fileName: "junk.jtl" });
    expect(bin.status).toBe("failed");
    expect(bin.error).toBeTruthy();
    const failed = await findImports({ status: "failed" });
    expect(failed).toHaveLength(2);
    expect(failed.every((f) => f.error && f.runId === null)).toBe(true);
    expect(await prisma.run.count()).toBe(0);
    expect(await prisma.runSecond.count()).toBe(0);
    expect(await prisma.runSummaryRow.count()).toBe(0);
  });

  it("summariser log: the seed report → 17 module rows, a total and the duplicate warning", async () => {
    const r = await importSummariserLog({ text: readFileSync(fixture("daily-stress-report.md"), "utf8") });
    expect(r.warnings.some((w) => /duplicate/.test(w))).toBe(true);
    const rows = await prisma.runSummaryRow.findMany({ where: { runId: r.runId } });
    expect(rows.filter((x) => x.scope === "module")).toHaveLength(17);
    expect(rows.filter((x) => x.scope === "total")).toHaveLength(1);
    const iauth = rows.find((x) => x.module === "pivotor_iauth_api")!;
    expect([Number(iauth.samples), iauth.minMs, iauth.maxMs]).toEqual([57553848, 1, 50594]);
    const run = await prisma.run.findUniqueOrThrow({ where: { id: r.runId } });
    expect([run.source, run.status]).toEqual(["jmeter_log", "completed"]);
    const imp = await getImport(r.importId);
    expect((imp.report as { warnings: string[] }).warnings.length).toBeGreaterThan(0);
    const results = await getRunResults(r.runId, { slowThresholdMs: 3000 });
    expect(results.summary.modules).toHaveLength(17);
  });

  it("summariser log of one JMeter run: per-thread-group lines are modules, `summary =` is the total", async () => {
    const r = await importSummariserLog({ text: readFileSync(fixture("csv-header.summary.txt"), "utf8") });
    const rows = await prisma.runSummaryRow.findMany({ where: { runId: r.runId } });
    expect(
      rows
        .filter((x) => x.scope === "module")
        .map((x) => x.module)
        .sort(),
    ).toEqual(["Vote_Interface_Test", "incoming"]);
    expect(Number(rows.find((x) => x.scope === "total")!.samples)).toBe(473);
    expect(rows.filter((x) => x.scope === "label")).toHaveLength(4);
    await expect(importSummariserLog({ text: "nothing here" })).rejects.toThrow(/summary/);
  });
});
