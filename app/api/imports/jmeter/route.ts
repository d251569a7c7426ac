import { recordAudit } from "@/lib/audit/record-audit";
import { AppErrorCode } from "@/lib/errors";
import { created, withRoute } from "@/lib/http/route-helpers";
import { createJtlImportRow, importJtlFile, type TImportJtlFileResult } from "@/lib/imports/import-jtl-file";
import { jtlMaxBytes, jtlOptionsFromFields } from "@/lib/imports/jtl-upload-options";
import { importErrorFields } from "@/lib/imports/import-error-fields";
import { setImportError } from "@/lib/imports/set-import-error";
import { authorizeUpload } from "@/app/api/imports/authorize-upload";
import { readMultipart, tooLargeError, tooLargeReason } from "@/app/api/imports/multipart";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
/** Several-GB uploads take minutes. */
export const maxDuration = 3600;

/**
 * POST /api/imports/jmeter — multipart/form-data: `file` (a JTL: CSV with or without header, or
 * XML), optional text fields BEFORE the file: `module`, `moduleMapping` ("threadGroup" | "fixed" |
 * "label"), `moduleRules` (`regex => module` per line, or JSON [{ pattern, module }]),
 * `roundId`, `fields` (comma list for header-less CSV), `delimiter`, `timestampFormat`,
 * `utcOffsetMinutes`, `transactionsInTotals`, `name`.
 * → 201 { data: { importId, runId, samples, warnings } } · 400 { error, code, issues, importId, errorCode, errorParams } naming the
 * line · 413 over JTL_IMPORT_MAX_BYTES (default 10 GB) · 415 not multipart.
 * Progress while it runs: GET /api/imports?status=processing, GET /api/imports/:id.
 */
export const POST = withRoute(async (request) => {
  // Authenticated here, not only by proxy.ts: see authorize-upload.ts (multi-GB bodies).
  const { actor, denied } = await authorizeUpload(request);
  if (denied) return denied;
  const max = jtlMaxBytes();
  const declared = Number(request.headers.get("content-length"));
  const { result } = await readMultipart<TImportJtlFileResult & { tooLarge: boolean }>(request, {
    maxFileBytes: max,
    isPastProxy: true,
    onFile: async (part) => {
      const options = jtlOptionsFromFields(part.fields, part.fileName);
      const importId = await createJtlImportRow(part.fileName, Number.isFinite(declared) && declared > 0 ? declared : null);
      const abort = new AbortController();
      part.stream.on("limit", () => abort.abort(tooLargeError(max)));
      const r = await importJtlFile(
        part.stream,
        { ...options, signal: abort.signal, startedById: actor?.id ?? null, startedByName: actor?.name ?? null },
        importId,
      );
      const tooLarge = part.isTooLarge();
      if (tooLarge && r.status === "failed") {
        await setImportError(importId, tooLargeError(max).message, tooLargeReason(max));
        return { ...r, ...importErrorFields(tooLargeReason(max)), tooLarge };
      }
      return { ...r, tooLarge };
    },
  });
  if (!result)
    return Response.json(
      {
        error: 'No "file" part: send the JTL as the multipart field "file".',
        code: AppErrorCode.INVALID_INPUT,
        issues: [{ path: "file", message: "required" }],
      },
      { status: 400 },
    );
  await recordAudit({
    action: "import.create",
    targetType: "import",
    targetId: result.importId,
    // errorCode / errorParams: the audit page words the error by them (lib/audit/audit-codes.ts).
    details: {
      kind: "jtl",
      status: result.status,
      samples: result.samples,
      runId: result.runId,
      error: result.error,
      ...(result.errorCode ? { errorCode: result.errorCode, errorParams: result.errorParams } : {}),
    },
    actor,
  });
  if (result.tooLarge)
    return Response.json(
      {
        error: tooLargeError(max).message,
        code: AppErrorCode.PAYLOAD_TOO_LARGE,
        issues: [],
        importId: result.importId,
        ...importErrorFields(tooLargeReason(max)),
      },
      { status: 413 },
    );
  if (result.status === "failed")
    return Response.json(
      {
        error: result.error ?? "import failed",
        code: AppErrorCode.INVALID_INPUT,
        issues: [],
        importId: result.importId,
        errorCode: result.errorCode,
        errorParams: result.errorParams,
      },
      { status: 400 },
    );
  return created({ importId: result.importId, runId: result.runId, samples: result.samples, warnings: result.warnings });
});
