import { getActor } from "@/lib/auth/get-actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { created, MAX_PROXIED_BODY_BYTES, readJsonBody, readTextBody, withRoute } from "@/lib/http/route-helpers";
import { importSummariserLog, type TImportSummariserLogInput } from "@/lib/imports/import-summariser-log";
import { importErrorResponse } from "@/app/api/imports/import-error-response";

export const dynamic = "force-dynamic";

/** All this route can be given behind the proxy (9 MB): a summariser log is a few lines per interval. */
const MAX_LOG_BYTES = MAX_PROXIED_BODY_BYTES;

/**
 * POST /api/imports/jmeter-log — JSON { text, module?, reportId?, name? }, or the log itself as
 * text/plain (module, reportId, name in the query string) → 201 { data: { importId, runId, rows,
 * warnings } } · 400 `{ error, code, issues, errorCode, errorParams }` when no summariser line is found. `roundId` is reportId's deprecated alias.
 */
export const POST = withRoute(async (request) => {
  const type = request.headers.get("content-type") ?? "";
  let input: TImportSummariserLogInput;
  if (/^text\/plain\b/i.test(type)) {
    const q = new URL(request.url).searchParams;
    input = {
      text: await readTextBody(request, MAX_LOG_BYTES),
      ...(q.get("module") ? { module: q.get("module")! } : {}),
      ...(q.get("reportId") ? { reportId: q.get("reportId")! } : {}),
      ...(q.get("roundId") ? { roundId: q.get("roundId")! } : {}),
      ...(q.get("name") ? { name: q.get("name")! } : {}),
    };
  } else input = (await readJsonBody(request, MAX_LOG_BYTES)) as TImportSummariserLogInput;
  const actor = await getActor();
  let result: Awaited<ReturnType<typeof importSummariserLog>>;
  try {
    result = await importSummariserLog(input, actor);
  } catch (error) {
    return importErrorResponse(error);
  }
  await recordAudit({
    action: "import.create",
    targetType: "import",
    targetId: result.importId,
    details: { kind: "summariser_log", runId: result.runId, rows: result.rows },
    actor,
  });
  return created(result);
});
