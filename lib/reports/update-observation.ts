import { prisma } from "@/lib/db/client";
import { isPrismaError } from "@/lib/modules/prisma-errors";
import { toObservation } from "./create-observation";
import { observationValueFields } from "./observation-fields";
import { observationNotFound } from "./report-errors";
import { ZObservationUpdate } from "./report.schema";
import type { TReportObservation } from "./report.types";

/** Inline edit of one observation of a round (the round id guards against editing another's). */
export async function updateObservation(reportId: string, id: string, input: unknown): Promise<TReportObservation> {
  const data = ZObservationUpdate.parse(input);
  const value = observationValueFields(data);
  try {
    const row = await prisma.observation.update({
      where: { id, reportId: reportId },
      data: {
        feature: data.feature,
        ...(value ?? {}),
        note: data.note === undefined ? undefined : data.note || null,
        observedAt: data.observedAt === undefined ? undefined : data.observedAt ? new Date(data.observedAt) : null,
        position: data.position,
      },
    });
    return toObservation(row);
  } catch (error) {
    if (isPrismaError(error, "P2025")) throw observationNotFound(id);
    throw error;
  }
}
