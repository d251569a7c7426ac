/**
 * The CSV import on more than one core: worker threads read chunk bodies (the whole rows between
 * a chunk's first and last line feed) while the main thread reads the chunks no worker is free
 * for; the main thread then takes every chunk in file order — the row across each seam, the worker's samples
 * (replayed as records), the rest — so the aggregate, line numbers and errors are the same as a
 * sequential read.
 *
 * A body is only used once the main reader has confirmed that it starts a row (the row across the
 * seam ends at the chunk's first line feed: no quoted line break there); otherwise the worker's
 * rows are dropped and the chunk is read on the main thread. Any worker failure (it cannot start
 * here, it crashes) falls back the same way. INVARIANT: memory stays bounded — at most
 * MAX_QUEUED chunks wait, and the stream is not read further until the oldest is taken.
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { setTimeout as delay } from "node:timers/promises";
import { Worker } from "node:worker_threads";
import type { TJtlSink } from "../sample";
import type { TCsvJtlInfo, CsvJtlReader, TCsvJtlOptions } from "./csv-jtl-reader";
import type { TBodyRequest, TBodyWorkerData } from "./csv-body-worker";
import { SampleRecordReader, type TSampleRecords } from "./sample-records";

/** Files smaller than this are read on one thread (a new worker costs ~0.3 s CPU to start). */
const PARALLEL_AFTER_BYTES = 8 * 1024 * 1024;
/** Small stream chunks are joined into batches of at least this size (one message per batch). */
const MIN_BATCH_BYTES = 256 * 1024;
/**
 * How many worker threads read bodies by default: one per core beside the main thread's, at most
 * two — one on this 2-core machine, which the main thread's share of the work (seams, replay,
 * aggregation: about a third) leaves room for. Workers are pooled between imports: the first
 * costs ~0.3 s CPU to start (tsx, then JIT warm-up), which a small file would not win back.
 */
export function defaultWorkerCount(): number {
  return Math.max(0, Math.min(2, availableParallelism() - 1));
}
/** Batches at one worker not yet answered; when every worker has this many, the main thread reads the next. */
const MAX_AT_WORKER = 2;
/** Batches waiting to be taken in order (the read-ahead that keeps the threads busy). */
const MAX_QUEUED = 8;
/** How long the main thread waits for a worker's answer before reading the chunk itself. */
const STEAL_AFTER_MS = 30;
const LF = 0x0a;

interface BodyResult {
  stoppedAt: number;
  lines: number;
  records: TSampleRecords;
  /** The body's bytes, handed back for reuse. */
  body: Uint8Array;
}

interface Batch<S> {
  chunk: Buffer;
  /** The chunk's first line feed, when its body went to a worker. */
  lf: number;
  result: Promise<BodyResult | null> | null;
  /** The replayer of that worker's records (series keys are per worker). */
  replayer: SampleRecordReader<S> | null;
  /** The worker has answered (result settled). */
  isAnswered: boolean;
  worker: BodyWorker | null;
}

export class ParallelCsvReader<S> {
  private workers: { worker: BodyWorker; replayer: SampleRecordReader<S> }[] = [];
  private hasStarted = false;
  private readonly queue: Batch<S>[] = [];
  private gathered: Buffer[] = [];
  private gatheredBytes = 0;
  private bytesSeen = 0;
  /** Batches whose body rows came from a worker (for tests and benchmarks). */
  bodiesFromWorker = 0;

  constructor(
    private readonly reader: CsvJtlReader<S>,
    private readonly sink: TJtlSink<S>,
    private readonly options: TCsvJtlOptions,
    private readonly afterBytes = PARALLEL_AFTER_BYTES,
    private readonly workerCount = defaultWorkerCount(),
  ) {}

  async push(chunk: Buffer): Promise<void> {
    this.bytesSeen += chunk.length;
    if (!this.hasStarted && this.workerCount > 0 && this.bytesSeen >= this.afterBytes && this.reader.canReadBodies) this.start();
    if (this.queue.length === 0 && this.gatheredBytes === 0 && !this.workers.some((w) => !w.worker.isGone)) return this.reader.push(chunk); // one thread
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

  /** Hands the workers back (also after an error). */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.worker.release()));
  }

  private enqueue(): void {
    const chunk = this.gathered.length === 1 ? (this.gathered[0] as Buffer) : Buffer.concat(this.gathered);
    this.gathered = [];
    this.gatheredBytes = 0;
    const batch: Batch<S> = { chunk, lf: -1, result: null, replayer: null, isAnswered: false, worker: null };
    let pick: (typeof this.workers)[number] | undefined;
    for (const w of this.workers)
      if (!w.worker.isGone && w.worker.busy < MAX_AT_WORKER && (!pick || w.worker.busy < pick.worker.busy)) pick = w;
    if (pick) {
      const lf = chunk.indexOf(LF);
      const last = chunk.lastIndexOf(LF);
      if (lf >= 0 && last > lf) {
        batch.lf = lf;
        batch.result = pick.worker.read(chunk.subarray(lf + 1, last + 1));
        batch.replayer = pick.replayer;
        batch.worker = pick.worker;
        void batch.result.then(() => (batch.isAnswered = true));
      }
    }
    this.queue.push(batch);
  }

  /** Takes the oldest batch: its seam row, the worker's rows if they count, the rest. */
  private async takeOldest(): Promise<void> {
    const batch = this.queue.shift() as Batch<S>;
    if (!batch.result) {
      // Read here; meanwhile the workers read the bodies queued after this one.
      this.reader.push(batch.chunk);
      return;
    }
    const replayer = batch.replayer as SampleRecordReader<S>;
    // A started worker gets STEAL_AFTER_MS; a new one's first answer is waited for.
    if (!batch.isAnswered && batch.worker?.hasAnswered)
      await Promise.race([batch.result, delay(STEAL_AFTER_MS, undefined, { ref: false })]);
    if (!batch.isAnswered && batch.worker?.hasAnswered) {
      // The worker is behind (on a busy machine the scheduler may hold it back): read the chunk
      // here rather than wait on, and only take the series its rows named when they come.
      void batch.result.then((late) => late && replayer.skip(late.records));
      this.reader.push(batch.chunk);
      return;
    }
    const body = await batch.result;
    if (!body) return this.reader.push(batch.chunk);
    if (this.reader.pushHead(batch.chunk, batch.lf)) {
      this.bodiesFromWorker++;
      replayer.replay(body.records);
      this.reader.pushRest(batch.chunk, batch.lf + 1 + body.stoppedAt, body.lines);
    } else replayer.skip(body.records); // a quoted line break across the seam: the chunk was read here
    batch.worker?.recycle(body);
  }

  private start(): void {
    this.hasStarted = true;
    const layout = this.reader.details as TCsvJtlInfo;
    const { utcOffsetMinutes, timestampIsEnd } = this.options;
    const data: TBodyWorkerData = { options: { timestampFormat: layout.timestampFormat, utcOffsetMinutes, timestampIsEnd }, layout };
    for (let i = 0; i < this.workerCount; i++) {
      const worker = takeWorker();
      worker.begin(data);
      this.workers.push({ worker, replayer: new SampleRecordReader(this.sink) });
    }
  }
}

/**
 * The worker's module: beside this one (TypeScript through tsx, or compiled JavaScript); in the
 * Next.js server bundle (this code sits in a server chunk, no worker file beside it) the source
 * where the app runs from, through tsx as `npm start` runs it.
 */
function bodyWorkerModule(): { file: string; viaTsx: boolean } {
  const here = fileURLToPath(import.meta.url);
  const ext = path.extname(here);
  const beside = path.join(path.dirname(here), `csv-body-worker${ext}`);
  if (ext === ".ts" || existsSync(beside)) return { file: beside, viaTsx: ext === ".ts" };
  return { file: path.join(process.cwd(), "lib", "jmeter", "csv", "csv-body-worker.ts"), viaTsx: true };
}

/** Idle workers kept for the next import (starting one costs ~0.3 s CPU: tsx, then JIT warm-up). */
const idleWorkers: BodyWorker[] = [];
/** An idle worker is stopped after this long. */
const IDLE_MS = 60_000;

/** An idle worker from an earlier import, or a new one. */
function takeWorker(): BodyWorker {
  for (let w = idleWorkers.pop(); w; w = idleWorkers.pop()) if (w.wake()) return w;
  return new BodyWorker();
}

/** One worker thread running csv-body-worker; a failed or exited one answers null (the caller reads the body itself). */
class BodyWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, (r: BodyResult | null) => void>();
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Bodies sent and not answered yet. */
  busy = 0;
  isGone = false;
  /** It has answered a body (it has started: a new worker's first answer waits for tsx and the JIT). */
  hasAnswered = false;
  /** Buffers back from the worker, reused for the next bodies and records. */
  private readonly freeBodies: ArrayBuffer[] = [];
  private spareRecords: Float64Array | null = null;

  constructor() {
    // The worker module sits next to this one: TypeScript source run through tsx (as the server
    // and the worker process run), or compiled JavaScript. If it cannot load, "error" → one thread.
    const { file: modulePath, viaTsx } = bodyWorkerModule();
    const file = JSON.stringify(pathToFileURL(modulePath).href);
    const code = viaTsx ? `import("tsx/esm/api").then(({ register }) => { register(); return import(${file}); })` : `import(${file})`;
    try {
      const w = new Worker(code, { eval: true });
      w.on("message", (m: BodyResult & { id: number }) => {
        this.busy--;
        this.hasAnswered = true;
        const resolve = this.pending.get(m.id);
        this.pending.delete(m.id);
        resolve?.(m);
      });
      w.on("error", () => this.gone());
      w.on("exit", () => this.gone());
      this.worker = w;
    } catch {
      this.gone();
    }
  }

  /** Starts an import: the worker reads bodies with this layout from now on. */
  begin(data: TBodyWorkerData): void {
    this.worker?.postMessage({ type: "begin", ...data } satisfies TBodyRequest);
  }

  read(body: Buffer): Promise<BodyResult | null> {
    if (!this.worker) return Promise.resolve(null);
    const id = this.nextId++;
    // The worker gets its own copy (stream chunks may share a pool), in a buffer it handed back.
    let free = this.freeBodies.pop();
    if (!free || free.byteLength < body.length) free = new ArrayBuffer(Math.max(body.length, 1 << 20));
    const copy = new Uint8Array(free, 0, body.length);
    copy.set(body);
    const spare = this.spareRecords;
    this.spareRecords = null;
    this.busy++;
    const result = new Promise<BodyResult | null>((resolve) => this.pending.set(id, resolve));
    const transfer: ArrayBuffer[] = spare ? [free, spare.buffer as ArrayBuffer] : [free];
    this.worker.postMessage({ type: "body", id, body: copy, ...(spare ? { spare } : {}) } satisfies TBodyRequest, transfer);
    return result;
  }

  /** An answer's buffers, replayed and done with: kept for the next bodies. */
  recycle(answer: BodyResult): void {
    if (this.freeBodies.length < MAX_AT_WORKER + 1) this.freeBodies.push(answer.body.buffer as ArrayBuffer);
    this.spareRecords ??= answer.records.values;
  }

  /** Done with this import: back to the idle pool (unreferenced: it keeps no process alive), or stopped if bodies are still out. */
  async release(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    if (this.busy > 0) {
      this.gone();
      await w.terminate();
      return;
    }
    w.unref();
    this.idleTimer = setTimeout(() => {
      const i = idleWorkers.indexOf(this);
      if (i >= 0) idleWorkers.splice(i, 1);
      this.gone();
      void w.terminate();
    }, IDLE_MS);
    this.idleTimer.unref();
    idleWorkers.push(this);
  }

  /** Taken from the idle pool: false if it has gone meanwhile. */
  wake(): boolean {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.worker) return false;
    this.worker.ref();
    return true;
  }

  private gone(): void {
    this.isGone = true;
    this.worker = null;
    for (const resolve of this.pending.values()) resolve(null);
    this.pending.clear();
    this.busy = 0;
  }
}
