import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { appOrigin } from "@/lib/notifications/app-origin";
import { enqueueWebhookDeliveries } from "@/lib/notifications/enqueue-webhook-deliveries";
import { reportReadyPayload } from "@/lib/notifications/event-payloads";
import { getReport } from "./get-report";

/**
 * A tester marks the day's report ready: Report.readyAt is set and, in the same transaction,
 * the report.ready webhook deliveries are recorded (the module lines as the page shows them).
 * Marking it again keeps the first time and notifies nobody twice (one delivery per webhook and
 * report). Unknown id → AppError NOT_FOUND (from getReport).
 */
export async function markReportReady(id: string, options: { origin?: string } = {}): Promise<{ readyAt: string }> {
  const report = await getReport(id);
  const payload = reportReadyPayload({
    report: {
      id: report.id,
      name: report.name,
      date: report.date,
      runs: report.runs.length,
      openProblems: report.problems.filter((p) => p.status !== "resolved" && p.status !== "wont_fix").length,
    },
    moduleLines: report.modules.map((m) => ({ module: m.module, summaryLine: m.summaryLine })),
    origin: options.origin ?? appOrigin(),
  });
  const now = new Date();
  await prisma.$transaction([
    prisma.report.updateMany({ where: { id, readyAt: null }, data: { readyAt: now } }),
    enqueueWebhookDeliveries(payload),
  ]);
  const round = await prisma.report.findUniqueOrThrow({ where: { id }, select: { readyAt: true } });
  await recordAudit({ action: "report.ready", targetType: "report", targetId: id, details: { name: report.name } });
  return { readyAt: (round.readyAt ?? now).toISOString() };
}
