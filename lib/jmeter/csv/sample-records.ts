/**
 * Samples as flat records, for handing a worker thread's parsed rows to the main thread: one
 * Float64Array (RECORD_SIZE numbers a sample) plus the few strings some samples carry (failures'
 * code and messages, a label's first URL) and the series each new (label, thread name) pair gets.
 * The main thread replays them into its sink in file order, so the aggregate is the same as if it
 * had read the rows itself.
 */
import { emptySample, type TSampleResult, type TJtlSink } from "../sample";

const RECORD_SIZE = 10;
const IS_SUCCESS = 1;
const IS_TRANSACTION = 2;
const HAS_FAILURE_TEXT = 4;
const HAS_URL = 8;

/** One batch of records (structured-clone friendly; `values` is transferred). */
export interface TSampleRecords {
  values: Float64Array;
  count: number;
  strings: string[];
  /** Series keys first used in this batch: [key, label, threadName]. */
  newSeries: [number, string, string][];
}

/** A JtlSink that writes records (the worker side). Series keys are numbers, valid for the writer's lifetime. */
export class SampleRecordWriter implements TJtlSink<number> {
  private values: Float64Array = new Float64Array(RECORD_SIZE * 16_384);
  private count = 0;
  private strings: string[] = [];
  private newSeries: [number, string, string][] = [];
  private seriesCount = 0;
  private readonly keys = new Map<string, number>();

  series(label: string, threadName: string): number {
    const id = `${label}\u0000${threadName}`;
    let key = this.keys.get(id);
    if (key === undefined) {
      key = this.seriesCount++;
      this.keys.set(id, key);
      this.newSeries.push([key, label, threadName]);
    }
    return key;
  }

  addTo(key: number, s: TSampleResult): void {
    if ((this.count + 1) * RECORD_SIZE > this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    const v = this.values;
    const o = this.count++ * RECORD_SIZE;
    let flags = (s.success ? IS_SUCCESS : 0) | (s.isTransaction ? IS_TRANSACTION : 0);
    if (s.responseCode || s.responseMessage || s.failureMessage) {
      flags |= HAS_FAILURE_TEXT;
      this.strings.push(s.responseCode, s.responseMessage, s.failureMessage);
    }
    if (s.url) {
      flags |= HAS_URL;
      this.strings.push(s.url);
    }
    v[o] = s.startMs;
    v[o + 1] = s.elapsedMs;
    v[o + 2] = s.latencyMs;
    v[o + 3] = s.connectMs;
    v[o + 4] = s.bytes;
    v[o + 5] = s.sentBytes;
    v[o + 6] = s.sampleCount;
    v[o + 7] = s.errorCount;
    v[o + 8] = key;
    v[o + 9] = flags;
  }

  /**
   * The records written since the last take. Their buffer goes with them (to be transferred); the
   * writer goes on in `spare` (a buffer handed back after replay) or a new one.
   */
  take(spare?: Float64Array): TSampleRecords {
    const batch: TSampleRecords = { values: this.values, count: this.count, strings: this.strings, newSeries: this.newSeries };
    this.values = spare && spare.length >= RECORD_SIZE * 1024 ? spare : new Float64Array(RECORD_SIZE * 16_384);
    this.count = 0;
    this.strings = [];
    this.newSeries = [];
    return batch;
  }
}

/** Replays batches from one SampleRecordWriter into a sink (the main side), in order. */
export class SampleRecordReader<S> {
  private readonly series: S[] = [];
  private readonly sample = emptySample();

  constructor(private readonly sink: TJtlSink<S>) {}

  replay(batch: TSampleRecords): void {
    this.skip(batch);
    const v = batch.values;
    const strings = batch.strings;
    const s = this.sample;
    let k = 0;
    for (let o = 0; o < batch.count * RECORD_SIZE; o += RECORD_SIZE) {
      const flags = v[o + 9] as number;
      s.startMs = v[o] as number;
      s.elapsedMs = v[o + 1] as number;
      s.latencyMs = v[o + 2] as number;
      s.connectMs = v[o + 3] as number;
      s.bytes = v[o + 4] as number;
      s.sentBytes = v[o + 5] as number;
      s.sampleCount = v[o + 6] as number;
      s.errorCount = v[o + 7] as number;
      s.success = (flags & IS_SUCCESS) !== 0;
      s.isTransaction = (flags & IS_TRANSACTION) !== 0;
      if (flags & HAS_FAILURE_TEXT) {
        s.responseCode = strings[k++] as string;
        s.responseMessage = strings[k++] as string;
        s.failureMessage = strings[k++] as string;
      } else s.responseCode = s.responseMessage = s.failureMessage = "";
      s.url = flags & HAS_URL ? (strings[k++] as string) : "";
      this.sink.addTo(this.series[v[o + 8] as number] as S, s);
    }
  }

  /** Drops a batch's samples but keeps its series keys (later batches use them). */
  skip(batch: TSampleRecords): void {
    for (const [key, label, threadName] of batch.newSeries) this.series[key] = this.sink.series(label, threadName);
  }
}
