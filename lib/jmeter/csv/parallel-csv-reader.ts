/**
 * The CSV import on two cores: a worker thread reads chunk bodies (the whole rows between a
 * chunk's first and last line feed) while the main thread reads other chunks itself; the main
 * thread then takes every chunk in file order — the row across each seam, the worker's samples
 * (replayed as records), the rest — so the aggregate, line numbers and errors are the same as a
 * sequential read.
 *
 * A body is only used once the main reader has confirmed that it starts a row (the row across the
 * seam ends at the chunk's first line feed: no quoted line break there); otherwise the worker's
 * rows are dropped and the chunk is read on the main thread. Any worker failure (it cannot start
 * here, it crashes) falls back the same way. INVARIANT: memory stays bounded — at most
 * MAX_QUEUED chunks wait, and the stream is not read further until the oldest is taken.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { JtlSink } from "../sample";
import type { CsvJtlInfo, CsvJtlReader, CsvJtlOptions } from "./csv-jtl-reader";
import type { BodyRequest, BodyWorkerData } from "./csv-body-worker";
import { SampleRecordReader, type SampleRecords } from "./sample-records";

/** Files smaller than this are read on one thread (a worker costs ~0.1–0.3 s to start). */
const PARALLEL_AFTER_BYTES = 8 * 1024 * 1024;
/** Small stream chunks are joined into batches of at least this size (one message per batch). */
const MIN_BATCH_BYTES = 256 * 1024;
/** Batches at the worker not yet answered; more go to the main thread. */
const MAX_AT_WORKER = 2;
/** Batches waiting to be taken in order (the read-ahead that keeps both threads busy). */
const MAX_QUEUED = 4;
const LF = 0x0a;

interface BodyResult {
  stoppedAt: number;
  lines: number;
  records: SampleRecords;
}

interface Batch {
  chunk: Buffer;
  /** The chunk's first line feed, when its body went to the worker. */
  lf: number;
  result: Promise<BodyResult | null> | null;
}

export class ParallelCsvReader<S> {
  private worker: Worker | null = null;
  private hasFailed = false;
  private readonly pending = new Map<number, (r: BodyResult | null) => void>();
  private nextId = 0;
  private atWorker = 0;
  private readonly queue: Batch[] = [];
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private bytesSeen = 0;
  private readonly replayer: SampleRecordReader<S>;
  /** Batches whose body rows came from the worker (for tests and benchmarks). */
  bodiesFromWorker = 0;

  constructor(
    private readonly reader: CsvJtlReader<S>,
    sink: JtlSink<S>,
    private readonly options: CsvJtlOptions,
    private readonly afterBytes = PARALLEL_AFTER_BYTES,
  ) {
    this.replayer = new SampleRecordReader(sink);
  }

  async push(chunk: Buffer): Promise<void> {
    this.bytesSeen += chunk.length;
    if (!this.worker && !this.hasFailed && this.bytesSeen >= this.afterBytes && this.reader.canReadBodies) this.start();
    if (!this.worker && this.queue.length === 0 && this.gatheredBytes === 0) return this.reader.push(chunk); // one thread
    this.gathered.push(chunk);
    this.gatheredBytes += chunk.length;
    if (this.gatheredBytes < MIN_BATCH_BYTES) return;
    this.enqueue();
    while (this.queue.length > MAX_QUEUED) await this.takeOldest();
  }

  async end(): Promise<void> {
    if (this.gatheredBytes > 0) this.enqueue();
    while (this.queue.length > 0) await this.takeOldest();
    this.reader.end();
  }

  /** Stops the worker (also after an error). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  private enqueue(): void {
    const chunk = this.gathered.length === 1 ? (this.gathered[0] as Buffer) : Buffer.concat(this.gathered);
    this.gathered = [];
    this.gatheredBytes = 0;
    const batch: Batch = { chunk, lf: -1, result: null };
    if (this.worker && this.atWorker < MAX_AT_WORKER) {
      const lf = chunk.indexOf(LF);
      const last = chunk.lastIndexOf(LF);
      if (lf >= 0 && last > lf) {
        batch.lf = lf;
        batch.result = this.send(chunk.subarray(lf + 1, last + 1));
      }
    }
    this.queue.push(batch);
  }

  /** Takes the oldest batch: its seam row, the worker's rows if they count, the rest. */
  private async takeOldest(): Promise<void> {
    const batch = this.queue.shift() as Batch;
    if (!batch.result) {
      // Read here; meanwhile the worker reads the bodies queued after this one.
      this.reader.push(batch.chunk);
      return;
    }
    const body = await batch.result;
    if (!body) return this.reader.push(batch.chunk);
    if (this.reader.pushHead(batch.chunk, batch.lf)) {
      this.bodiesFromWorker++;
      this.replayer.replay(body.records);
      this.reader.pushRest(batch.chunk, batch.lf + 1 + body.stoppedAt, body.lines);
    } else this.replayer.skip(body.records); // a quoted line break across the seam: the chunk was read here
  }

  private send(body: Buffer): Promise<BodyResult | null> {
    const id = this.nextId++;
    const copy = new Uint8Array(body); // the worker gets its own bytes (stream chunks may share a pool)
    this.atWorker++;
    const result = new Promise<BodyResult | null>((resolve) => this.pending.set(id, resolve));
    (this.worker as Worker).postMessage({ id, body: copy } satisfies BodyRequest, [copy.buffer]);
    return result;
  }

  private start(): void {
    // The worker module sits next to this one: TypeScript source run through tsx (as the server
    // and the worker process run), or compiled JavaScript. If it cannot load, "error" → one thread.
    const here = fileURLToPath(import.meta.url);
    const ext = path.extname(here);
    const file = JSON.stringify(pathToFileURL(path.join(path.dirname(here), `csv-body-worker${ext}`)).href);
    const code = ext === ".ts" ? `import("tsx/esm/api").then(({ register }) => { register(); return import(${file}); })` : `import(${file})`;
    try {
      const layout = this.reader.details as CsvJtlInfo;
      const { utcOffsetMinutes, timestampIsEnd } = this.options;
      const workerData: BodyWorkerData = { options: { timestampFormat: layout.timestampFormat, utcOffsetMinutes, timestampIsEnd }, layout };
      const w = new Worker(code, { eval: true, workerData });
      w.on("message", (m: BodyResult & { id: number }) => {
        this.atWorker--;
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m);
      });
      w.on("error", () => this.fail());
      w.on("exit", () => this.fail());
      this.worker = w;
    } catch {
      this.fail();
    }
  }

  /** The worker is gone: its unanswered bodies and everything after are read here. */
  private fail(): void {
    this.hasFailed = true;
    this.worker = null;
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
    this.atWorker = 0;
  }
}
