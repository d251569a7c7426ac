/**
 * JTL import throughput: writes a large CSV JTL (JMeter 2.13's header-less default layout) to a
 * temp file, then times `wc -l`, a plain Node newline count, a JS byte scan and importJtl (its
 * default, one thread, two worker threads) over the same file; then an XML JTL of the same
 * samples (xmlRows of them), cold and warm.
 * The machine is shared: each figure carries the load average when it was taken, and CPU time
 * per sample (all threads) is the steadier figure.
 *
 *   npx tsx bench/jtl-import.bench.ts [rows=3000000] [xmlRows=500000]
 */
import { execFileSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { once } from "node:events";
import { loadavg } from "node:os";
import { defaultWorkerCount } from "@/lib/jmeter/csv/parallel-csv-reader";
import { importJtl, type TImportJtlOptions } from "@/lib/jmeter/import-jtl";

const rows = Number(process.argv[2] ?? 3_000_000);
const xmlRows = Number(process.argv[3] ?? 500_000);
const dir = mkdtempSync(path.join(tmpdir(), "jtl-bench-"));
const file = path.join(dir, "big.jtl");
const xmlFile = path.join(dir, "big.xml.jtl");

const xmlEscape = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

/** The same samples as CSV rows or as XML `<httpSample>`/`<sample>` elements. */
async function generate(target: string, count: number, format: "csv" | "xml"): Promise<void> {
  const out = createWriteStream(target);
  if (format === "xml") out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n');
  const labels = ["GET /api/rest/v1/en/vote", "POST /api/rest/v1/en/vote/sign", "GET /fast", "login", "Vote flow"];
  const groups = ["Vote_Interface_Test", "incoming", "callpermission"];
  let t = 1_795_315_894_000;
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    t += i % 3 === 0 ? 1 : 0; // ~3000 samples per second of wall time
    const label = labels[i % labels.length] as string;
    const ok = i % 97 !== 0;
    const elapsed = (i * 7919) % 1500;
    const group = groups[i % groups.length] as string;
    const tx = label === "Vote flow";
    const message = tx ? "Number of samples in transaction : 2, number of failing samples : 0" : ok ? "OK" : "Internal Server Error";
    const latency = Math.max(0, elapsed - 3);
    if (format === "csv")
      batch.push(
        `${t},${elapsed},${label},${ok ? 200 : 500},${tx ? `"${message}"` : message},` +
          `${group} 1-${(i % 50) + 1},${tx ? "" : "text"},${ok},${300 + (i % 200)},50,150,${latency}\n`,
      );
    else
      batch.push(
        `<${tx ? "sample" : "httpSample"} t="${elapsed}" lt="${latency}" ts="${t}" s="${ok}" lb="${xmlEscape(label)}" rc="${ok ? 200 : 500}" ` +
          `rm="${message}" tn="${group} 1-${(i % 50) + 1}" dt="${tx ? "" : "text"}" by="${300 + (i % 200)}" ng="50" na="150"/>\n`,
      );
    if (batch.length === 10_000) {
      if (!out.write(batch.join(""))) await once(out, "drain");
      batch = [];
    }
  }
  out.end(batch.join("") + (format === "xml" ? "</testResults>\n" : ""));
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

const load = () =>
  `load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1e6;
};

/** importJtl over `target`: wall and CPU time (every thread of this process). */
async function timeImport(target: string, options: TImportJtlOptions) {
  const cpu0 = process.cpuUsage();
  const [result, wallS] = await timeAsync(() =>
    importJtl(createReadStream(target, { highWaterMark: 1 << 20 }), { modules: { by: "threadGroup" }, ...options }),
  );
  const cpuS = cpuSeconds(cpu0);
  return {
    result,
    wallS,
    cpuS,
    line: `${Math.round(result.samples / wallS).toLocaleString("en")} samples/s wall (${wallS.toFixed(2)} s), ${Math.round(result.samples / cpuS).toLocaleString("en")} samples per CPU-second (${cpuS.toFixed(2)} s CPU), ${load()}`,
  };
}

try {
  const [, genS] = await timeAsync(() => generate(file, rows, "csv"));
  const size = statSync(file).size;
  console.log(`generated ${rows.toLocaleString("en")} rows, ${(size / 1e6).toFixed(0)} MB in ${genS.toFixed(1)} s`);
  const [wc, wcS] = time(() => execFileSync("wc", ["-l", file], { encoding: "utf8" }).trim().split(/\s+/)[0]);
  console.log(`wc -l:              ${wc} lines in ${wcS.toFixed(2)} s, ${load()}`);
  const [nodeLines, nodeS] = await timeAsync(nodeLineCount);
  console.log(`node line count:    ${nodeLines} lines in ${nodeS.toFixed(2)} s, ${load()}`);
  const scanCpu0 = process.cpuUsage();
  const [, scanS] = await timeAsync(jsByteScan);
  const scanCpuS = cpuSeconds(scanCpu0);
  console.log(
    `JS byte scan:       ${scanS.toFixed(2)} s wall, ${scanCpuS.toFixed(2)} s CPU (${((scanCpuS * 1e9) / size).toFixed(1)} ns CPU per byte), ${load()}`,
  );
  // The default (cores − 1 worker threads, at most 2), one thread, two workers, the default again.
  // The first run also pays for compiling the code (JIT warm-up) and starting its worker (later
  // imports reuse it).
  const workers = defaultWorkerCount();
  const cold = await timeImport(file, {});
  console.log(
    `importJtl (default: ${workers} worker${workers === 1 ? "" : "s"}, cold): ${cold.result.samples} samples, ${cold.result.buckets.length} buckets: ${cold.line}`,
  );
  const one = await timeImport(file, { parallel: false });
  console.log(`importJtl 1 thread:  ${one.line}`);
  const two = await timeImport(file, { parallel: { workers: 2 } });
  console.log(`importJtl 2 workers: ${two.line}`);
  const warm = await timeImport(file, {});
  console.log(`importJtl (default, warm): ${warm.line}`);
  console.log(
    `ratio import/JS byte scan (CPU): 1 thread ${(one.cpuS / scanCpuS).toFixed(1)}×, default (warm) ${(warm.cpuS / scanCpuS).toFixed(1)}×`,
  );
  console.log(
    `ratio import/wc -l (wall): 1 thread ${(one.wallS / wcS).toFixed(1)}×, default (warm) ${(warm.wallS / wcS).toFixed(1)}×; import/node line count: ${(one.wallS / nodeS).toFixed(1)}×, ${(warm.wallS / nodeS).toFixed(1)}×`,
  );
  console.log(`heap used after import: ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
  console.log(one.result.figures.total.summaryLine213());
  if (xmlRows > 0) {
    await generate(xmlFile, xmlRows, "xml");
    // Cold (the reader's first file in this process: JIT warm-up included), then warm.
    const xml = await timeImport(xmlFile, {});
    console.log(`importJtl XML (cold): ${xml.result.samples} samples (${(statSync(xmlFile).size / 1e6).toFixed(0)} MB): ${xml.line}`);
    const xmlWarm = await timeImport(xmlFile, {});
    console.log(`importJtl XML (warm): ${xmlWarm.line}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
