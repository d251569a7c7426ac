/** Labels, releases and error examples of a run — what summarising a window needs beside buckets. */
import { prisma } from "../db/client";
import type { TErrorKind, TRendezvousRelease } from "../engine/metrics/types";
import { errorExampleKey, type TLabelMeta } from "./summarize-run";

export async function loadRunLabels(runId: string): Promise<TLabelMeta[]> {
  const rows = await prisma.runLabel.findMany({ where: { runId }, orderBy: { index: "asc" } });
  return rows.map((r) => ({ index: r.index, label: r.label, module: r.module, kind: r.kind, method: r.method, url: r.url }));
}

/** Releases grouped by rendezvous name, optionally within [fromMs, toMs). */
export async function loadReleases(
  runId: string,
  window?: { fromMs: number; toMs: number },
): Promise<{ name: string; releases: TRendezvousRelease[] }[]> {
  const rows = await prisma.rendezvousRelease.findMany({
    where: { runId, ...(window ? { at: { gte: BigInt(window.fromMs), lt: BigInt(window.toMs) } } : {}) },
    orderBy: [{ name: "asc" }, { at: "asc" }],
  });
  const byName = new Map<string, TRendezvousRelease[]>();
  for (const r of rows) {
    let list = byName.get(r.name);
    if (!list) byName.set(r.name, (list = []));
    list.push({ at: Number(r.at), released: r.released, reason: r.reason, skewMs: r.skewMs });
  }
  return [...byName.entries()].map(([name, releases]) => ({ name, releases }));
}

export async function loadErrorExamples(runId: string): Promise<Map<string, string[]>> {
  const rows = await prisma.runError.findMany({ where: { runId }, select: { label: true, kind: true, examples: true } });
  return new Map(rows.map((r) => [errorExampleKey(r.label, r.kind as TErrorKind), (r.examples as string[]) ?? []]));
}

/** First and last epoch second with data, or null. */
export async function loadSecondRange(runId: string): Promise<{ firstSecond: number; lastSecond: number } | null> {
  const agg = await prisma.runSecond.aggregate({ where: { runId }, _min: { second: true }, _max: { second: true } });
  if (agg._min.second === null || agg._max.second === null) return null;
  return { firstSecond: agg._min.second, lastSecond: agg._max.second };
}
