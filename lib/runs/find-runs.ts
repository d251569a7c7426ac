/**
 * The one run list (the runs page and GET /api/runs): newest runs with what a QA engineer scans
 * for — scenarios and modules, status, start, duration, samples, error share, thresholds, who
 * started it. Totals come from the `total` RunSummaryRow written at the end (one small row per
 * run), not from the Run.summary JSON, which holds every label and would make the list heavy for
 * runs with hundreds of labels. Figures follow lib/run-metrics/figures.ts, as on the run page.
 *
 * One SQL statement on the plain node-postgres pool, not Prisma: the list is what a crowd (a CI
 * system polling, a team opening the dashboard) asks for most, and through the Prisma client the
 * same read cost ≈ 7 ms of CPU per call against ≈ 1 ms here (bench/results.md, "the dashboard under
 * a crowd"). The frozen scenarios are cut down to the four names the list shows inside PostgreSQL,
 * so a run of big scenario documents does not ship them to Node to be dropped.
 */
import { thresholdsPassed } from "@/lib/engine/thresholds";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { errorPercent, runDurationSeconds } from "@/lib/run-metrics/figures";
import { rawPool } from "@/lib/run-metrics/raw-pool";
import type { TRunStatus } from "./get-run-by-id";
import { ZFindRunsQuery, type TFindRunsQuery } from "./run.schema";

export interface TRunRow {
  id: string;
  name: string;
  status: TRunStatus;
  source: string;
  scenarios: string[];
  modules: { id: string; name: string }[];
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /**
   * Finished with samples: the run's duration (first sample start → last sample end, JMeter's
   * rounding). Otherwise wall seconds from start to finish (or to now while running); null before
   * the start.
   */
  durationSeconds: number | null;
  samples: number | null;
  /** Two decimals, half-even, as JMeter's `Err: n (x.xx%)`. */
  errorPct: number | null;
  thresholdsPassed: boolean | null;
  startedByName: string | null;
}

interface TListRow {
  id: string;
  name: string;
  status: TRunStatus;
  source: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  startedByName: string | null;
  /** Per frozen scenario: [scenarioId, moduleId, definition.name, definition.module]. */
  scenarios: [string | null, string | null, string | null, string | null][];
  /** Per threshold result: its `ok`. */
  thresholdOks: boolean[] | null;
  /** int8 columns arrive as strings. */
  samples: string | null;
  errors: string | null;
  elapsedMs: string | null;
}

// Timestamps are `timestamp(3)` holding UTC (Prisma's convention): AT TIME ZONE 'UTC' makes them
// timestamptz, which node-postgres reads as the right instant whatever the server's TZ.
const LIST_SQL = `
SELECT r.id, r.name, r.status::text AS status, r.source::text AS source,
       r."createdAt" AT TIME ZONE 'UTC' AS "createdAt",
       r."startedAt" AT TIME ZONE 'UTC' AS "startedAt",
       r."finishedAt" AT TIME ZONE 'UTC' AS "finishedAt",
       r."startedByName",
       (SELECT coalesce(jsonb_agg(jsonb_build_array(s->>'scenarioId', s->>'moduleId', s->'definition'->>'name', s->'definition'->>'module') ORDER BY i), '[]'::jsonb)
          FROM jsonb_array_elements(CASE WHEN jsonb_typeof(r.scenarios) = 'array' THEN r.scenarios ELSE '[]'::jsonb END) WITH ORDINALITY AS e(s, i)) AS scenarios,
       CASE WHEN jsonb_typeof(r."thresholdResults") = 'array' THEN
         (SELECT coalesce(jsonb_agg(t->'ok' = 'true'::jsonb ORDER BY i), '[]'::jsonb)
            FROM jsonb_array_elements(r."thresholdResults") WITH ORDINALITY AS e(t, i)) END AS "thresholdOks",
       total.samples, total.errors, total."elapsedMs"
  FROM "Run" r
  LEFT JOIN LATERAL (
    SELECT samples, errors, "elapsedMs" FROM "RunSummaryRow" WHERE "runId" = r.id AND scope = 'total' ORDER BY id DESC LIMIT 1
  ) total ON true
 WHERE ($1::text IS NULL OR r.status::text = $1)
   AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM "RunScenario" rs WHERE rs."runId" = r.id AND rs."scenarioId" = $2))
 ORDER BY r."createdAt" DESC, r.id DESC
 LIMIT $3 OFFSET $4`;

/** Newest first; `?status=&scenarioId=&take=&skip=` (take 1–200, default 50). */
export async function findRuns(query: TFindRunsQuery = {}): Promise<TRunRow[]> {
  const parsed = ZFindRunsQuery.safeParse(query);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid query", toFieldIssues(parsed.error.issues));
  const q = parsed.data;
  const { rows } = await rawPool().query<TListRow>(LIST_SQL, [q.status ?? null, q.scenarioId ?? null, q.take, q.skip]);
  const now = Date.now();
  return rows.map((r) => {
    const modules = new Map<string, string>();
    for (const [scenarioId, moduleId, name, module] of r.scenarios)
      modules.set(moduleId ?? "", module ?? name ?? moduleId ?? scenarioId ?? "");
    const samples = r.samples === null ? null : Number(r.samples);
    return {
      id: r.id,
      name: r.name,
      status: r.status,
      source: r.source,
      scenarios: r.scenarios.map(([scenarioId, , name]) => name ?? scenarioId ?? ""),
      modules: [...modules.entries()].map(([id, name]) => ({ id, name })),
      createdAt: r.createdAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationSeconds: runDurationSeconds({
        samples,
        sampleSpanMs: r.elapsedMs === null ? null : Number(r.elapsedMs),
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        nowMs: now,
      }),
      samples,
      errorPct: r.errors !== null && samples !== null ? errorPercent(Number(r.errors), samples) : null,
      thresholdsPassed: thresholdsPassed(r.thresholdOks?.map((ok) => ({ ok })) ?? null),
      startedByName: r.startedByName,
    };
  });
}
