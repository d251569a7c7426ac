import { updateReport } from "./update-report";

/** The round's slow-interface threshold in ms (3000 by default: the users' "大于3s"). */
export async function updateReportThreshold(id: string, slowThresholdMs: unknown): Promise<{ slowThresholdMs: number }> {
  const row = await updateReport(id, { slowThresholdMs });
  return { slowThresholdMs: row.slowThresholdMs };
}
