import { prisma } from "@/lib/db/client";
import { observationNotFound } from "./report-errors";

/** Removes one observation of a round. */
export async function deleteObservation(reportId: string, id: string): Promise<void> {
  const { count } = await prisma.observation.deleteMany({ where: { id, reportId: reportId } });
  if (count === 0) throw observationNotFound(id);
}
