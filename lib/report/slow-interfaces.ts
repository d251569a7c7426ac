/**
 * 接口平均响应时间大于3s的接口: request labels whose average response time is over the threshold
 * (the users' 3 s by default), slowest first.
 */
import type { TLabelSummary } from "../engine/metrics/types";

export const DEFAULT_SLOW_THRESHOLD_MS = 3000;

export interface TSlowInterface {
  label: string;
  module: string;
  method?: string;
  url?: string;
  avgMs: number;
  samples: number;
}

export function slowInterfaces(
  labels: readonly Pick<TLabelSummary, "label" | "module" | "kind" | "method" | "url" | "avgMs" | "samples">[],
  thresholdMs = DEFAULT_SLOW_THRESHOLD_MS,
): TSlowInterface[] {
  return labels
    .filter((l) => l.kind === "request" && l.samples > 0 && l.avgMs > thresholdMs)
    .map((l) => ({
      label: l.label,
      module: l.module,
      ...(l.method ? { method: l.method } : {}),
      ...(l.url ? { url: l.url } : {}),
      avgMs: l.avgMs,
      samples: l.samples,
    }))
    .sort((a, b) => b.avgMs - a.avgMs);
}
