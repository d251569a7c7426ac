/**
 * A failed import's reason as the API and the UI read it: `errorCode` and `errorParams` next to the
 * English `error` text. Import.report.error holds it (no schema change; see import-jtl-file.ts,
 * import-jmx.ts); errorParams carries the message's parameters plus `line` / `path` (where in the
 * file) when known. app/(dashboard)/imports/import-error-text.tsx words it in the reader's language.
 */
import { z } from "zod";
import { AppError, AppErrorCode, type TFieldIssue } from "@/lib/errors";
import { isImportErrorCode, type TStoredImportError } from "@/lib/jmeter/import-error-codes";

export interface TImportErrorFields {
  errorCode: string | null;
  errorParams: Record<string, string | number> | null;
}

const ZStored = z.object({
  code: z.string().refine(isImportErrorCode),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  line: z.number().int().optional(),
  path: z.string().optional(),
});

/** The stored reason in an Import.report, or null (completed imports, older rows, other errors). */
export function storedImportError(report: unknown): TStoredImportError | null {
  if (!report || typeof report !== "object" || !("error" in report)) return null;
  const parsed = ZStored.safeParse((report as { error: unknown }).error);
  return parsed.success ? (parsed.data as TStoredImportError) : null;
}

export function importErrorFields(stored: TStoredImportError | null | undefined): TImportErrorFields {
  if (!stored) return { errorCode: null, errorParams: null };
  return {
    errorCode: stored.code,
    errorParams: {
      ...stored.params,
      ...(stored.line !== undefined ? { line: stored.line } : {}),
      ...(stored.path ? { path: stored.path } : {}),
    },
  };
}

/** An import refused for its content (400), with the reason's code; `importId` when a failed Import row was stored. */
export class ImportFailed extends AppError {
  constructor(
    message: string,
    readonly stored: TStoredImportError | null,
    readonly importId: string | null = null,
    issues: TFieldIssue[] = [],
  ) {
    super(AppErrorCode.INVALID_INPUT, message, issues);
  }
}
