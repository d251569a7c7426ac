import { errorResponse } from "@/lib/http/route-helpers";
import { ImportFailed, importErrorFields } from "@/lib/imports/import-error-fields";

/**
 * errorResponse's answer, plus `errorCode` / `errorParams` (and `importId` when a failed Import was
 * stored) for an import refused for its content, so a client can word the reason in its language.
 */
export async function importErrorResponse(error: unknown): Promise<Response> {
  const res = errorResponse(error);
  if (!(error instanceof ImportFailed)) return res;
  const body = (await res.json()) as Record<string, unknown>;
  return Response.json(
    { ...body, ...importErrorFields(error.stored), ...(error.importId ? { importId: error.importId } : {}) },
    { status: res.status, headers: res.headers },
  );
}
