import { prisma } from "@/lib/db/client";
import { findRoundProblems } from "@/lib/problems/find-round-problems";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
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
 */
export async function getReport(id: string): Promise<TReport> {
  const round = await prisma.testRound.findUnique({
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
  // The installation's zone, not the reader's: a report reads the same for everyone.
  const { timeZone } = await getInstallationTimeZone();
  const [records, problems] = await Promise.all([
    loadSummaryRecords(runs.map((r) => r.id)),
    findRoundProblems({ id: round.id, day, ...reportDayBounds(day, timeZone) }),
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
