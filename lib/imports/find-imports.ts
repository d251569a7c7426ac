import { z } from "zod";
import { prisma } from "@/lib/db/client";
import { IMPORT_SELECT, toImportRecord, type TImportRecord } from "./get-import";

export const ZFindImportsQuery = z.object({
  status: z.enum(["processing", "completed", "failed"]).optional(),
  kind: z.enum(["jtl_csv", "jtl_xml", "summariser_log", "jmx"]).optional(),
  take: z.coerce.number().int().min(1).max(200).default(50),
  skip: z.coerce.number().int().min(0).default(0),
});
export type TFindImportsQuery = z.input<typeof ZFindImportsQuery>;

/** Past imports, newest first. */
export async function findImports(query: TFindImportsQuery = {}): Promise<TImportRecord[]> {
  const q = ZFindImportsQuery.parse(query);
  const rows = await prisma.import.findMany({
    where: { ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}) },
    orderBy: { createdAt: "desc" },
    take: q.take,
    skip: q.skip,
    select: IMPORT_SELECT,
  });
  return rows.map(toImportRecord);
}
