import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { importErrorFields, storedImportError, type TImportErrorFields } from "./import-error-fields";

/**
 * An import as the API and the Imports page show it (BigInts as numbers). A failed one has its
 * English `error` text and, when the importer named its reason, `errorCode` / `errorParams`
 * (lib/imports/import-error-fields.ts).
 */
export interface TImportRecord extends TImportErrorFields {
  id: string;
  kind: "jtl_csv" | "jtl_xml" | "summariser_log" | "jmx";
  fileName: string;
  status: "processing" | "completed" | "failed";
  bytesTotal: number | null;
  bytesRead: number;
  samples: number;
  error: string | null;
  report: unknown;
  runId: string | null;
  runName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const IMPORT_SELECT = {
  id: true,
  kind: true,
  fileName: true,
  status: true,
  bytesTotal: true,
  bytesRead: true,
  samples: true,
  error: true,
  report: true,
  runId: true,
  run: { select: { name: true } },
  createdAt: true,
  finishedAt: true,
} as const;

type TImportRow = {
  id: string;
  kind: TImportRecord["kind"];
  fileName: string;
  status: TImportRecord["status"];
  bytesTotal: bigint | null;
  bytesRead: bigint;
  samples: bigint;
  error: string | null;
  report: unknown;
  runId: string | null;
  run: { name: string } | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export function toImportRecord(r: TImportRow): TImportRecord {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.fileName,
    status: r.status,
    bytesTotal: r.bytesTotal === null ? null : Number(r.bytesTotal),
    bytesRead: Number(r.bytesRead),
    samples: Number(r.samples),
    error: r.error,
    ...importErrorFields(r.status === "failed" ? storedImportError(r.report) : null),
    report: r.report ?? null,
    runId: r.runId,
    runName: r.run?.name ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** One import with its progress, or AppError(NOT_FOUND). */
export async function getImport(id: string): Promise<TImportRecord> {
  const row = await prisma.import.findUnique({ where: { id }, select: IMPORT_SELECT });
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "import not found");
  return toImportRecord(row);
}
