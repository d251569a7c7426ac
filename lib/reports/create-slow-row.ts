import { prisma } from "@/lib/db/client";
import { reportNotFound } from "./report-errors";
import { ZSlowRowInput } from "./report.schema";
import type { TReportManualSlowRow } from "./report.types";

/** Adds a slow-list row by hand to a round (at the end unless a position is given). */
export async function createSlowRow(reportId: string, input: unknown): Promise<TReportManualSlowRow> {
  const data = ZSlowRowInput.parse(input);
  const round = await prisma.report.findUnique({
    where: { id: reportId },
    select: { slowRows: { select: { position: true }, orderBy: { position: "desc" }, take: 1 } },
  });
  if (!round) throw reportNotFound(reportId);
  const row = await prisma.reportSlowRow.create({
    data: {
      reportId: reportId,
      url: data.url,
      method: data.method ?? null,
      module: data.module ?? "",
      avgMs: data.avgMs,
      samples: data.samples ?? null,
      note: data.note ?? "",
      position: data.position ?? (round.slowRows[0] ? round.slowRows[0].position + 1 : 0),
    },
  });
  return toManualSlowRow(row);
}

export function toManualSlowRow(row: {
  id: string;
  url: string;
  method: string | null;
  module: string;
  avgMs: number;
  samples: number | null;
  note: string;
  position: number;
}): TReportManualSlowRow {
  return {
    id: row.id,
    url: row.url,
    method: row.method,
    module: row.module,
    avgMs: row.avgMs,
    samples: row.samples,
    note: row.note,
    position: row.position,
  };
}
