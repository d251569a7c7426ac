/** Helpers for run/worker integration tests: modules, scenario documents, synthetic seconds. */
import { prisma } from "@/lib/db/client";
import { MetricRecorder, type TSample } from "@/lib/engine/metrics/recorder";
import type { TScenarioInput } from "@/lib/engine/scenario";
import type { TLoadSecond } from "@/lib/worker/persist-metrics";

export async function createTestModule(name = `mod-${Math.random().toString(36).slice(2, 8)}`) {
  return prisma.module.create({ data: { name } });
}

export function scenarioDoc(overrides: Partial<TScenarioInput> = {}): TScenarioInput {
  return {
    name: "vote",
    baseUrl: "http://127.0.0.1:9",
    load: { vus: 2, durationSeconds: 2 },
    steps: [{ request: { method: "GET", path: "/fast" } }],
    ...overrides,
  } as TScenarioInput;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export interface TSyntheticRun {
  seconds: TLoadSecond[];
  /** Every sample, for checking merges against the raw samples. */
  samples: TSample[];
}

/**
 * Realistic-ish seconds: `labels` labels (label 0 slow, ~3.5 s), 1–30 samples per label per
 * second, 5 % errors, starting at epoch second `firstSecond`. Whole-ms times.
 */
export function syntheticRun(firstSecond: number, seconds: number, labels: number, seed = 1, keepSamples = true): TSyntheticRun {
  const r = rng(seed);
  const rec = new MetricRecorder();
  const out: TLoadSecond[] = [];
  const samples: TSample[] = [];
  for (let s = 0; s < seconds; s++) {
    const second = firstSecond + s;
    for (let l = 0; l < labels; l++) {
      const n = 1 + Math.floor(r() * 30);
      for (let k = 0; k < n; k++) {
        const elapsed = Math.round((l === 0 ? 3500 : 5) + r() ** 3 * 2000);
        const end = second * 1000 + Math.floor(r() * 1000);
        const sample: TSample = {
          label: `GET /api/v1/item/${l}`,
          module: l % 4 === 0 ? "vote" : "auth",
          kind: "request",
          startMs: end - elapsed,
          elapsedMs: elapsed,
          latencyMs: Math.floor(elapsed / 2),
          bytesReceived: 120,
          bytesSent: 60,
          url: `http://127.0.0.1/api/v1/item/${l}`,
          method: "GET",
          ...(r() < 0.05 ? { error: { kind: r() < 0.5 ? ("timeout" as const) : ("http_status" as const), message: "HTTP 500" } } : {}),
        };
        rec.record(sample);
        if (keepSamples) samples.push(sample);
      }
    }
    out.push({
      second,
      buckets: rec.flush(second + 1),
      activeVus: 10 + (s % 5),
      releases: s % 10 === 0 ? [{ name: "submit", at: second * 1000 + 500, released: 10, reason: "policy", skewMs: 3 }] : [],
    });
  }
  return { seconds: out, samples };
}
