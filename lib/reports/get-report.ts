import { prisma } from "@/lib/db/client";
import { rawPool } from "@/lib/run-metrics/raw-pool";
import { DISPLAY_TIME_ZONE_SETTING, serverTimeZone, ZTimeZone } from "@/lib/settings/get-display-time-zone";
import { findReportProblems } from "@/lib/problems/find-report-problems";
import { toManualSlowRow } from "./create-slow-row";
import { loadSummaryRecords } from "./load-summary-records";
import { reportDayBounds } from "./report-day";
import { reportNotFound, toDay } from "./report-errors";
import { buildModuleRows, buildSlowInterfaces } from "./report-sections";
import type { TReport, TReportObservation, TReportRun } from "./report.types";

/**
 * One daily report with its four sections in the sample report's order: per-module results, interfaces
 * over the round's threshold, observations, current problems (each as it stood at the end of the
 * round's day in the installation's time zone, so a past report never changes).
 * Unknown id → AppError NOT_FOUND.
 *
 * Kept in memory per report, keyed by a fingerprint of every row it is built from (REPORT_FINGERPRINT_SQL,
 * one query computed inside PostgreSQL): building it costs ≈ 30 ms of CPU (ten Prisma queries, the
 * summary rows of its runs), and a team opening the morning's report or its share link at once asks
 * for the same one again and again. Any change to those rows — a problem edited, an observation
 * added, a run renamed, however it was written — gives another fingerprint, so the next request
 * builds it afresh: never stale.
 */
export async function getReport(id: string): Promise<TReport> {
  const { rows } = await rawPool().query<{ fingerprint: string | null; timeZoneSetting: unknown }>(REPORT_FINGERPRINT_SQL, [
    id,
    DISPLAY_TIME_ZONE_SETTING,
  ]);
  const fingerprint = rows[0]?.fingerprint ?? null;
  if (fingerprint === null) throw reportNotFound(id);
  const cached = reportCache().get(id);
  if (cached?.fingerprint === fingerprint) {
    reportCacheStats.hits++;
    // A copy: callers may sort or extend what they get.
    return structuredClone(cached.report);
  }
  reportCacheStats.misses++;
  // Read after the fingerprint: a change in between is newer than its key, so the next request
  // (another fingerprint) builds it again rather than keeping anything older.
  // The installation's zone as the fingerprint saw it (getInstallationTimeZone keeps it a few
  // seconds, which would build a new fingerprint's report with the old zone).
  const zone = ZTimeZone.safeParse(rows[0]?.timeZoneSetting);
  const report = await buildReport(id, zone.success ? zone.data : serverTimeZone());
  const cache = reportCache();
  cache.delete(id);
  if (cache.size >= MAX_CACHED_REPORTS) cache.delete(cache.keys().next().value!);
  cache.set(id, { fingerprint, report: structuredClone(report) });
  return report;
}

const MAX_CACHED_REPORTS = 32;
const store = globalThis as unknown as { musterpointReports?: Map<string, { fingerprint: string; report: TReport }> };
const reportCache = () => (store.musterpointReports ??= new Map());
/** For tests: a cache that never hits would pass every freshness check. */
export const reportCacheStats = { hits: 0, misses: 0 };

/**
 * Everything buildReport reads, as one md5 (NULL when the round does not exist): the round and its
 * runs (their names, status, times and summary rows — rewritten, with new ids, when a run is
 * finalised again), observations, manual slow rows, every problem with its revisions and notes
 * (findReportProblems picks from all of them), the names and dates of all rounds (a problem shows
 * the round it was first reported in) and the installation's time zone (the report's day bounds).
 * Whole rows as text wherever a row has no reliable version column.
 */
const REPORT_FINGERPRINT_SQL = `
SELECT CASE WHEN t.id IS NULL THEN NULL ELSE md5(concat_ws('|',
  t::text,
  coalesce((SELECT string_agg(concat_ws(',', x.position, r.id, r.name, r.status, r.source, r."startedAt", r."finishedAt",
                   (SELECT concat(count(*), ':', max(s.id)) FROM "RunSummaryRow" s WHERE s."runId" = r.id)), ';' ORDER BY x."runId")
              FROM "RoundRun" x JOIN "Run" r ON r.id = x."runId" WHERE x."roundId" = t.id), '-'),
  coalesce((SELECT string_agg(o::text, ';' ORDER BY o.id) FROM "Observation" o WHERE o."roundId" = t.id), '-'),
  coalesce((SELECT string_agg(w::text, ';' ORDER BY w.id) FROM "ReportSlowRow" w WHERE w."roundId" = t.id), '-'),
  coalesce((SELECT md5(string_agg(p::text, ';' ORDER BY p.id)) FROM "Problem" p), '-'),
  coalesce((SELECT md5(string_agg(v::text, ';' ORDER BY v.id)) FROM "ProblemRevision" v), '-'),
  coalesce((SELECT md5(string_agg(n::text, ';' ORDER BY n.id)) FROM "ProblemNote" n), '-'),
  coalesce((SELECT md5(string_agg(concat_ws(',', a.id, a.name, a.date), ';' ORDER BY a.id)) FROM "TestRound" a), '-'),
  coalesce((SELECT value::text FROM "Setting" WHERE key = $2), '-')
)) END AS fingerprint,
  (SELECT value FROM "Setting" WHERE key = $2) AS "timeZoneSetting"
FROM (SELECT 1) one LEFT JOIN "TestRound" t ON t.id = $1`;

async function buildReport(id: string, timeZone: string): Promise<TReport> {
  const round = await prisma.report.findUnique({
    where: { id },
    include: {
      runs: {
        orderBy: [{ position: "asc" }, { runId: "asc" }],
        include: {
          run: { select: { id: true, name: true, status: true, source: true, startedAt: true, finishedAt: true } },
        },
      },
      observations: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      slowRows: { orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
    },
  });
  if (!round) throw reportNotFound(id);

  const runs: TReportRun[] = round.runs.map((rr) => ({
    id: rr.run.id,
    name: rr.run.name,
    status: rr.run.status,
    source: rr.run.source,
    position: rr.position,
    startedAt: rr.run.startedAt?.toISOString() ?? null,
    finishedAt: rr.run.finishedAt?.toISOString() ?? null,
  }));
  const day = toDay(round.date);
  // The installation's zone (timeZone), not the reader's: a report reads the same for everyone.
  const [records, problems] = await Promise.all([
    loadSummaryRecords(runs.map((r) => r.id)),
    findReportProblems({ id: round.id, day, ...reportDayBounds(day, timeZone) }),
  ]);

  const observations: TReportObservation[] = round.observations.map((o) => ({
    id: o.id,
    feature: o.feature,
    secondsMin: o.secondsMin,
    secondsMax: o.secondsMax,
    status: o.status,
    note: o.note,
    observedAt: o.observedAt?.toISOString() ?? null,
    position: o.position,
  }));

  return {
    id: round.id,
    name: round.name,
    date: day,
    slowThresholdMs: round.slowThresholdMs,
    notes: round.notes,
    createdAt: round.createdAt.toISOString(),
    updatedAt: round.updatedAt.toISOString(),
    runs,
    moduleOrder: round.moduleOrder,
    modules: buildModuleRows(runs, records, round.moduleOrder),
    slowInterfaces: buildSlowInterfaces(records, round.slowThresholdMs),
    manualSlowRows: round.slowRows.map(toManualSlowRow),
    observations,
    problems,
  };
}
