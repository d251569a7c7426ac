import { describe, expect, it } from "vitest";
import { importJtl, type TImportJtlResult } from "../import-jtl";
import { JmeterImportError } from "../errors";
import { JtlAggregator } from "../aggregate/jtl-aggregator";
import { CsvJtlReader } from "./csv-jtl-reader";
import { ParallelCsvReader } from "./parallel-csv-reader";

const HEADER =
  "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\r\n";

/** ~3 MB of rows: quoted labels, escaped quotes, failures whose message spans lines, transactions, CRLF and LF, late rows. */
function jtl(rows: number, bad?: { row: number; text: string }): Buffer {
  const labels = ["GET /a", '"GET /b, c"', "login", "Vote flow", '"say ""hi"""'];
  const out: string[] = [HEADER];
  let t = 1_700_000_000_000;
  for (let i = 0; i < rows; i++) {
    t += i % 4 === 0 ? 7 : 0;
    const label = labels[i % labels.length] as string;
    const ok = i % 11 !== 0;
    const tx = label === "Vote flow";
    const message = tx
      ? '"Number of samples in transaction : 2, number of failing samples : 0"'
      : ok
        ? "OK"
        : `"Internal error\nat line ${i}"`;
    const url = i % 3 === 0 ? "null" : `http://127.0.0.1/${i % 5}`;
    const row = `${t - (i % 13 === 0 ? 130_000 : 0)},${(i * 7919) % 3000},${label},${ok ? 200 : 500},${message},G${i % 3} 1-${i % 20},${tx ? "" : "text"},${ok},${ok ? "" : "assertion failed"},${i % 900},${i % 77},1,1,${url},${i % 50},0,${i % 9}`;
    out.push(bad?.row === i ? bad.text : row, i % 2 ? "\r\n" : "\n");
  }
  return Buffer.from(out.join(""));
}

async function* chunks(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

const comparable = (r: TImportJtlResult) => ({
  summary: r.summary,
  buckets: r.buckets,
  samples: r.samples,
  warnings: r.warnings,
  csv: r.csv,
});

describe("parallel CSV import", () => {
  const data = jtl(30_000);

  it("reads bodies in the worker thread and gives exactly the one-thread result, whatever the chunking", async () => {
    const one = comparable(await importJtl(chunks(data, 65_536), { parallel: false }));
    for (const [size, workers] of [
      [4093, 2],
      [65_536, 1],
      [65_536, 2],
      [1 << 20, 2],
    ] as const) {
      const two = comparable(await importJtl(chunks(data, size), { parallel: { afterBytes: 0, workers } }));
      expect(two, `chunk ${size}, ${workers} workers`).toEqual(one);
    }
  });

  it("really uses the worker", async () => {
    const aggregator = new JtlAggregator({ by: "threadGroup" });
    const reader = new CsvJtlReader({}, aggregator);
    const parallel = new ParallelCsvReader(reader, aggregator, {}, 0, 2);
    try {
      for await (const c of chunks(data, 100_000)) await parallel.push(c);
      await parallel.end();
    } finally {
      await parallel.close();
    }
    expect(parallel.bodiesFromWorker).toBeGreaterThan(0);
    expect(aggregator.finish().samples).toBe(30_000);
  });

  it("names the line of a bad row the worker met", async () => {
    const bad = jtl(30_000, { row: 25_000, text: "1700000000000,fast,login,200,OK,G1 1-1,text,true,,1,1,1,1,null,1,0,1" });
    const error = async (parallel: boolean | { afterBytes: number; workers: number }) => {
      try {
        await importJtl(chunks(bad, 65_536), { parallel });
      } catch (e) {
        expect(e).toBeInstanceOf(JmeterImportError);
        return (e as Error).message;
      }
      throw new Error("expected an import error");
    };
    const one = await error(false);
    // Its line: after the header, 25 000 rows and the line breaks inside failure messages.
    const line = bad.subarray(0, bad.indexOf(",fast,")).toString().split("\n").length;
    expect(line).toBeGreaterThan(25_001);
    expect(one).toBe(`line ${line}: elapsed "fast" is not a whole number`);
    expect(await error({ afterBytes: 0, workers: 2 })).toBe(one);
  });
});
