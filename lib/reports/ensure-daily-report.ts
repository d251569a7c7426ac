/**
 * A scheduled run joins the daily report of its date, creating the report on the
 * day's first run. Called inside the transaction that enqueues the run (lib/schedules/
 * fire-due-schedule.ts), so the run and its report membership land together or not at all.
 *
 * A new report starts like the previous report of the same name template: its module order, and
 * its observations with the features listed and the values empty, for the tester to fill in.
 * Open problems need no copying: a report shows the problems open on its date
 * (lib/problems/find-report-problems.ts).
 */
import type { Prisma } from "@/lib/db/client";
import { getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { getSlowThresholdMs } from "@/lib/settings/get-slow-threshold";
import { dayInZone } from "./report-day";
import { fromDay, toDay } from "./report-errors";

/** The report name template's placeholder for the report's date. */
export const REPORT_DATE_PLACEHOLDER = "{date}";

export interface TEnsureDailyReportInput {
  /** e.g. "峰值脚本压测 {date}" — {date} becomes YYYY-MM-DD. */
  nameTemplate: string;
  runId: string;
  /** The instant that decides the date (the fire's due time), read in `timeZone`. */
  at: Date;
  /** Default: the installation's display time zone (Admin setting, else the server's). */
  timeZone?: string;
}

export async function ensureDailyReport(
  tx: Prisma.TransactionClient,
  input: TEnsureDailyReportInput,
): Promise<{ id: string; name: string; date: string; created: boolean }> {
  const day = dayInZone(input.at, input.timeZone ?? (await getInstallationTimeZone()).timeZone);
  const name = input.nameTemplate.split(REPORT_DATE_PLACEHOLDER).join(day).slice(0, 200);
  // INVARIANT: one report per name and date. Two schedules naming the same report may fire at the
  // same instant on two workers; the lock (held to the end of the transaction) orders them.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`daily-report:${day}:${name}`}))`;
  let round = await tx.report.findFirst({ where: { name, date: fromDay(day) }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const created = !round;
  if (!round) round = await createFromPrevious(tx, input.nameTemplate, name, day);
  const last = await tx.reportRun.findFirst({ where: { reportId: round.id }, orderBy: { position: "desc" }, select: { position: true } });
  await tx.reportRun.createMany({
    data: [{ reportId: round.id, runId: input.runId, position: (last?.position ?? -1) + 1 }],
    skipDuplicates: true,
  });
  await tx.report.update({ where: { id: round.id }, data: { updatedAt: new Date() } });
  return { id: round.id, name, date: day, created };
}

async function createFromPrevious(tx: Prisma.TransactionClient, template: string, name: string, day: string): Promise<{ id: string }> {
  const previous = await findPrevious(tx, template, day);
  return tx.report.create({
    data: {
      name,
      date: fromDay(day),
      slowThresholdMs: await getSlowThresholdMs(),
      moduleOrder: previous?.moduleOrder ?? [],
      observations: {
        create: (previous?.observations ?? []).map((o) => ({ feature: o.feature, position: o.position })),
      },
    },
    select: { id: true },
  });
}

/** The latest report before `day` whose name the template produces (any date in place of {date}). */
async function findPrevious(tx: Prisma.TransactionClient, template: string, day: string) {
  const pattern = new RegExp(
    `^${template
      .split(REPORT_DATE_PLACEHOLDER)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("\\d{4}-\\d{2}-\\d{2}")}$`,
  );
  const candidates = await tx.report.findMany({
    where: { date: { lt: fromDay(day) } },
    orderBy: [{ date: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: {
      name: true,
      date: true,
      moduleOrder: true,
      observations: { select: { feature: true, position: true }, orderBy: { position: "asc" } },
    },
  });
  return candidates.find((c) => pattern.test(c.name) && toDay(c.date) < day) ?? null;
}
