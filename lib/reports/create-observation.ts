import { prisma } from "@/lib/db/client";
import { observationValueFields } from "./observation-fields";
import { reportNotFound } from "./report-errors";
import { ZObservationInput } from "./report.schema";
import type { TReportObservation } from "./report.types";

/** Adds what a tester saw on a real client (feature → seconds or status) to a round, at the end. */
export async function createObservation(reportId: string, input: unknown): Promise<TReportObservation> {
  const data = ZObservationInput.parse(input);
  const value = observationValueFields(data)!;
  const round = await prisma.report.findUnique({
    where: { id: reportId },
    select: { id: true, observations: { select: { position: true }, orderBy: { position: "desc" }, take: 1 } },
  });
  if (!round) throw reportNotFound(reportId);
  const row = await prisma.observation.create({
    data: {
      reportId: reportId,
      feature: data.feature,
      ...value,
      note: data.note || null,
      observedAt: data.observedAt ? new Date(data.observedAt) : null,
      position: data.position ?? (round.observations[0] ? round.observations[0].position + 1 : 0),
    },
  });
  return toObservation(row);
}

export function toObservation(row: {
  id: string;
  feature: string;
  secondsMin: number | null;
  secondsMax: number | null;
  status: string | null;
  note: string | null;
  observedAt: Date | null;
  position: number;
}): TReportObservation {
  return {
    id: row.id,
    feature: row.feature,
    secondsMin: row.secondsMin,
    secondsMax: row.secondsMax,
    status: row.status,
    note: row.note,
    observedAt: row.observedAt?.toISOString() ?? null,
    position: row.position,
  };
}
