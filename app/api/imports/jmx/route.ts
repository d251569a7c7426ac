import { getActor } from "@/lib/auth/get-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppErrorCode } from "@/lib/errors";
import { created, errorResponse, withRoute } from "@/lib/http/route-helpers";
import { importErrorFields } from "@/lib/imports/import-error-fields";
import { importJmxPlan, JmxImportFailed } from "@/lib/imports/import-jmx";
import { readMultipart, tooLargeError } from "@/app/api/imports/multipart";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const MAX_JMX_BYTES = 20 * 1024 * 1024;

/**
 * POST /api/imports/jmx — multipart/form-data: optional `moduleId` (before the file), `file` (.jmx)
 * → 201 { data: { importId, scenarioIds, scenarios, report: { skipped, approximated, launchParameters,
 * notImported, coverage } } } (thread groups that do not map are in notImported, the others are
 * created) · 400 { error, issues, importId, errorCode, errorParams } when no thread group maps or the plan cannot be read,
 * for whatever reason: the Import is stored as failed with the message, nothing else is created ·
 * 413 · 415. The plan's content never causes a 500.
 */
export const POST = withRoute(async (request) => {
  const { fields, result } = await readMultipart(request, {
    maxFileBytes: MAX_JMX_BYTES,
    onFile: async (part) => {
      const chunks: Buffer[] = [];
      for await (const c of part.stream) chunks.push(c as Buffer);
      if (part.isTooLarge()) throw tooLargeError(MAX_JMX_BYTES);
      return { text: Buffer.concat(chunks).toString("utf8"), fileName: part.fileName };
    },
  });
  if (!result)
    return Response.json(
      {
        error: 'No "file" part: send the .jmx as the multipart field "file".',
        code: AppErrorCode.INVALID_INPUT,
        issues: [{ path: "file", message: "required" }],
      },
      { status: 400 },
    );
  const actor = await getActor();
  try {
    const r = await importJmxPlan({ text: result.text, fileName: result.fileName, moduleId: fields.moduleId || null });
    await recordAudit({
      action: "import.create",
      targetType: "import",
      targetId: r.importId,
      details: { kind: "jmx", scenarios: r.scenarios.map((s) => s.name), skipped: r.report.skipped.length },
      actor,
    });
    return created(r);
  } catch (error) {
    if (error instanceof JmxImportFailed) {
      await recordAudit({
        action: "import.create",
        targetType: "import",
        targetId: error.importId,
        // errorCode / errorParams: the audit page words the error by them (lib/audit/audit-codes.ts).
        details: { kind: "jmx", status: "failed", error: error.message, ...nonNullErrorFields(error.stored) },
        actor,
      });
      return Response.json(
        { error: error.message, code: error.code, issues: error.issues, importId: error.importId, ...importErrorFields(error.stored) },
        { status: 400 },
      );
    }
    return errorResponse(error);
  }
});

function nonNullErrorFields(stored: Parameters<typeof importErrorFields>[0]) {
  const f = importErrorFields(stored);
  return f.errorCode ? f : {};
}
