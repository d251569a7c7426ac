/**
 * Whether a run's result can be taken at face value (docs/design-notes.md, "Honest states"):
 *
 * - a run in which no request succeeded did not test the system, it tested nothing: it ends
 *   `failed` with the reason (`no request succeeded: 14,210 connection_refused`), whatever the
 *   engine itself said;
 * - a run with an error share of HIGH_ERROR_SHARE_PCT or more is kept as it ended but carries a
 *   warning on the run page and in the runs list: its averages and percentiles mix failed
 *   requests (often fast refusals) with real responses.
 *
 * Pure: the worker's finalisation, the run page and the runs list call it.
 */
import type { TErrorSummary, TLabelSummary } from "../engine/metrics/types";
import type { TRunEvent } from "../engine/run-event";
import { errorPercent } from "./figures";

/** From this error share (percent, as shown: two decimals) a run carries a warning. */
export const HIGH_ERROR_SHARE_PCT = 10;

/** True when `errors` of `samples` is at or above HIGH_ERROR_SHARE_PCT (compared as shown). */
export function isHighErrorShare(errors: number, samples: number): boolean {
  return samples > 0 && errorPercent(errors, samples) >= HIGH_ERROR_SHARE_PCT;
}

/**
 * The reason a run must end `failed` because not one of its requests succeeded, or null when one
 * did (or none was sent: an empty run is not a failed one). Counts requests only — transactions,
 * rendezvous waits and iteration lag are not requests. The kinds, most frequent first, come from
 * the error summary; errors it cannot place (no kind recorded) are counted as `other`.
 */
export function noSuccessReason(summary: {
  labels: Pick<TLabelSummary, "kind" | "label" | "samples" | "errors">[];
  errors: Pick<TErrorSummary, "label" | "kind" | "count">[];
}): string | null {
  const kinds = noSuccessKinds(summary);
  return kinds === null ? null : `no request succeeded: ${kinds}`;
}

/** What noSuccessReason lists after its prefix ("1,200 connection_refused, 3 timeout"), or null: the run's coded error carries it. */
export function noSuccessKinds(summary: Parameters<typeof noSuccessReason>[0]): string | null {
  const requests = summary.labels.filter((l) => l.kind === "request");
  const samples = requests.reduce((n, l) => n + l.samples, 0);
  const errors = requests.reduce((n, l) => n + l.errors, 0);
  if (samples === 0 || errors < samples) return null;
  const requestLabels = new Set(requests.map((l) => l.label));
  const byKind = new Map<string, number>();
  for (const e of summary.errors) if (requestLabels.has(e.label)) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + e.count);
  const placed = [...byKind.values()].reduce((n, c) => n + c, 0);
  if (placed < errors) byKind.set("other", (byKind.get("other") ?? 0) + errors - placed);
  const kinds = [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return kinds.map(([kind, n]) => `${n.toLocaleString("en-US")} ${kind}`).join(", ");
}

/**
 * The run page's warning for a high error share (a RunEvent it shows with the stored ones, not
 * stored itself: imported runs have no worker to store it), or null below the threshold.
 */
export function highErrorShareEvent(total: { samples: number; errors: number }): TRunEvent | null {
  if (!isHighErrorShare(total.errors, total.samples)) return null;
  const errorPct = errorPercent(total.errors, total.samples);
  return {
    level: "warning",
    code: "high_error_share",
    message: `${errorPct.toFixed(2)} % of the samples failed (${HIGH_ERROR_SHARE_PCT} % or more): averages and percentiles mix failed requests with real responses.`,
    details: { errorPct: errorPct.toFixed(2), errors: total.errors, samples: total.samples, thresholdPct: HIGH_ERROR_SHARE_PCT },
  };
}
