/**
 * Worker thread of the parallel CSV import (parallel-csv-reader.ts): reads chunk bodies — the
 * whole rows between a chunk's first and last line feed — with the main reader's layout and
 * returns their samples as records. It stops at the first row it cannot read alone (a quoted
 * line break, a bad value): the main thread reads on from there. Kept between imports (a pool in
 * parallel-csv-reader.ts): each import begins with its layout.
 */
import { parentPort } from "node:worker_threads";
import { CsvJtlReader, type TCsvJtlInfo, type TCsvJtlOptions } from "./csv-jtl-reader";
import { SampleRecordWriter } from "./sample-records";

export interface TBodyWorkerData {
  options: TCsvJtlOptions;
  layout: TCsvJtlInfo;
}
/** "begin" starts an import (a worker is reused by later imports); "body" reads one body of it. */
export type TBodyRequest = ({ type: "begin" } & TBodyWorkerData) | { type: "body"; id: number; body: Uint8Array; spare?: Float64Array };

const port = parentPort;
if (port) {
  let writer = new SampleRecordWriter();
  let reader: CsvJtlReader<number> | null = null;
  port.on("message", (m: TBodyRequest) => {
    if (m.type === "begin") {
      writer = new SampleRecordWriter();
      reader = new CsvJtlReader(m.options, writer, m.layout);
      return;
    }
    const buf = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
    const { stoppedAt, lines } = (reader as CsvJtlReader<number>).readBody(buf, 0, buf.length);
    const records = writer.take(m.spare);
    // Both buffers go back: the main thread reuses them for the next bodies (no allocation churn).
    port.postMessage({ id: m.id, stoppedAt, lines, records, body: m.body }, [
      records.values.buffer as ArrayBuffer,
      m.body.buffer as ArrayBuffer,
    ]);
  });
}
