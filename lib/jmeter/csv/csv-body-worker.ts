/**
 * Worker thread of the parallel CSV import (parallel-csv-reader.ts): reads chunk bodies — the
 * whole rows between a chunk's first and last line feed — with the main reader's layout and
 * returns their samples as records. It stops at the first row it cannot read alone (a quoted
 * line break, a bad value): the main thread reads on from there.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CsvJtlReader, type CsvJtlInfo, type CsvJtlOptions } from "./csv-jtl-reader";
import { SampleRecordWriter } from "./sample-records";

export interface BodyWorkerData {
  options: CsvJtlOptions;
  layout: CsvJtlInfo;
}
export interface BodyRequest {
  id: number;
  body: Uint8Array;
}

const port = parentPort;
if (port) {
  const { options, layout } = workerData as BodyWorkerData;
  const writer = new SampleRecordWriter();
  const reader = new CsvJtlReader(options, writer, layout);
  port.on("message", ({ id, body }: BodyRequest) => {
    const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    const { stoppedAt, lines } = reader.readBody(buf, 0, buf.length);
    const records = writer.take();
    port.postMessage({ id, stoppedAt, lines, records }, [records.values.buffer as ArrayBuffer]);
  });
}
