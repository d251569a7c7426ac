/**
 * The whole-run results of finished runs, kept in memory: a finished run's stored summary, its
 * timeline and its second range do not change, and reading them (the summary JSON of hundreds of
 * labels, a GROUP BY over every stored second) is most of the cost of the results page and of
 * GET /api/runs/:id/results — which a crowd opening the morning's report, or a CI system polling,
 * asks for again and again. The key holds what would change them: the run's status and finish time
 * (a run finalised again after recovery gets a new one) and the slow threshold. The run record
 * itself is read fresh on every request. Per process, at most MAX_RUNS runs (least recently used
 * goes first).
 */
const MAX_RUNS = 16;

export interface TFinalResultsEntry<T> {
  key: string;
  value: T;
  /** JSON.stringify(value) as UTF-8, made when first asked for (cachedFinalResultsBytes). */
  bytes?: Buffer;
}

const store = globalThis as unknown as { musterpointFinalResults?: Map<string, TFinalResultsEntry<unknown>> };
const cache = () => (store.musterpointFinalResults ??= new Map());

export function finalResultsKey(run: { status: string; finishedAt: Date | null }, slowThresholdMs: number): string {
  return `${run.status}|${run.finishedAt?.getTime() ?? ""}|${slowThresholdMs}`;
}

export function getCachedFinalResults<T>(runId: string, key: string): TFinalResultsEntry<T> | null {
  const entry = cache().get(runId);
  if (!entry || entry.key !== key) return null;
  // Most recently used last.
  cache().delete(runId);
  cache().set(runId, entry);
  return entry as TFinalResultsEntry<T>;
}

/** The entry's value as UTF-8 JSON, serialized once (the value is never changed once cached). */
export function cachedFinalResultsBytes(entry: TFinalResultsEntry<unknown>): Buffer {
  return (entry.bytes ??= Buffer.from(JSON.stringify(entry.value)));
}

export function setCachedFinalResults<T>(runId: string, key: string, value: T): void {
  const c = cache();
  c.delete(runId);
  if (c.size >= MAX_RUNS) c.delete(c.keys().next().value!);
  c.set(runId, { key, value });
}
