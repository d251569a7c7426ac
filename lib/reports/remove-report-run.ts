import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { reportNotFound } from "./report-errors";

/** Takes a run out of a round (the run itself stays). Unknown round or a run not in it → NOT_FOUND. */
export async function removeReportRun(reportId: string, runId: string): Promise<void> {
  const { count } = await prisma.reportRun.deleteMany({ where: { reportId: reportId, runId } });
  if (count === 0) {
    const exists = await prisma.report.count({ where: { id: reportId } });
    if (!exists) throw reportNotFound(reportId);
    throw new AppError(AppErrorCode.NOT_FOUND, `Run ${runId} is not part of this report.`);
  }
  await prisma.report.update({ where: { id: reportId }, data: { updatedAt: new Date() } });
}
