/**
 * JTL import throughput: writes a large CSV JTL (JMeter 2.13's header-less default layout) to a
 * temp file, then times `wc -l`, a plain Node newline count and importJtl over the same file.
 *
 *   npx tsx bench/jtl-import.bench.ts [rows=3000000]
 */
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { importJtl } from "../lib/jmeter/import-jtl";

const rows = Number(process.argv[2] ?? 3_000_000);
const dir = mkdtempSync(path.join(tmpdir(), "jtl-bench-"));
const file = path.join(dir, "big.jtl");

async function generate(): Promise<void> {
  const out = createWriteStream(file);
  const labels = ["GET /api/rest/v1/en/vote", "POST /api/rest/v1/en/vote/sign", "GET /fast", "login", "Vote flow"];
  const groups = ["Vote_Interface_Test", "incoming", "callpermission"];
  let t = 1_795_315_894_000;
  let batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    t += i % 3 === 0 ? 1 : 0; // ~3000 samples per second of wall time
    const label = labels[i % labels.length] as string;
    const ok = i % 97 !== 0;
    const elapsed = (i * 7919) % 1500;
    const group = groups[i % groups.length] as string;
    const tx = label === "Vote flow";
    batch.push(
      `${t},${elapsed},${label},${ok ? 200 : 500},${tx ? '"Number of samples in transaction : 2, number of failing samples : 0"' : ok ? "OK" : "Internal Server Error"},` +
        `${group} 1-${(i % 50) + 1},${tx ? "" : "text"},${ok},${300 + (i % 200)},50,150,${Math.max(0, elapsed - 3)}\n`,
    );
    if (batch.length === 10_000) {
      if (!out.write(batch.join(""))) await once(out, "drain");
      batch = [];
    }
  }
  out.end(batch.join(""));
  await once(out, "finish");
}

async function nodeLineCount(): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) n++;
  }
  return n;
}

/** A plain JS loop over every byte (counts delimiters): the floor of any JS parser on this machine. */
async function jsByteScan(): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const len = chunk.length;
    for (let i = 0; i < len; i++) {
      const c = chunk[i];
      if (c === 44 || c === 10) n++;
    }
  }
  return n;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e9];
}

try {
  const [, genS] = await timeAsync(generate);
  const size = statSync(file).size;
  console.log(`generated ${rows.toLocaleString("en")} rows, ${(size / 1e6).toFixed(0)} MB in ${genS.toFixed(1)} s`);
  const [wc, wcS] = time(() => execFileSync("wc", ["-l", file], { encoding: "utf8" }).trim().split(/\s+/)[0]);
  console.log(`wc -l:            ${wc} lines in ${wcS.toFixed(2)} s`);
  const [nodeLines, nodeS] = await timeAsync(nodeLineCount);
  console.log(`node line count:  ${nodeLines} lines in ${nodeS.toFixed(2)} s`);
  const scanCpu0 = process.cpuUsage();
  const [, scanS] = await timeAsync(jsByteScan);
  const scanCpu = process.cpuUsage(scanCpu0);
  const scanCpuS = (scanCpu.user + scanCpu.system) / 1e6;
  console.log(`JS byte scan:     ${scanS.toFixed(2)} s wall, ${scanCpuS.toFixed(2)} s CPU (${((scanCpuS * 1e9) / size).toFixed(1)} ns CPU per byte)`);
  const cpu0 = process.cpuUsage();
  const [result, importS] = await timeAsync(() =>
    importJtl(createReadStream(file, { highWaterMark: 1 << 20 }), { modules: { by: "threadGroup" } }),
  );
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const rate = result.samples / importS;
  console.log(
    `importJtl:        ${result.samples} samples, ${result.buckets.length} buckets in ${importS.toFixed(2)} s = ` +
      `${Math.round(rate).toLocaleString("en")} samples/s (${((size / importS) / 1e6).toFixed(0)} MB/s)`,
  );
  console.log(`importJtl CPU time: ${cpuS.toFixed(2)} s = ${Math.round(result.samples / cpuS).toLocaleString("en")} samples per CPU-second (the machine is shared: see load average)`);
  console.log(`load average: ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
  console.log(`ratio import/JS byte scan (CPU): ${(cpuS / scanCpuS).toFixed(1)}×`);
  console.log(`ratio import/wc -l: ${(importS / wcS).toFixed(1)}×, import/node line count: ${(importS / nodeS).toFixed(1)}×`);
  console.log(`heap used after import: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  console.log(result.figures.total.summaryLine213());
} finally {
  rmSync(dir, { recursive: true, force: true });
}
