import { ok, withRoute } from "@/lib/http/route-helpers";
import { getImport } from "@/lib/imports/get-import";

export const dynamic = "force-dynamic";

/** GET /api/imports/:id → { data: TImportRecord }: status, bytesRead / bytesTotal (progress), samples, error, report, runId · 404. */
export const GET = withRoute<{ params: Promise<{ importId: string }> }>(async (_request, { params }) => {
  const { importId } = await params;
  return ok(await getImport(importId));
});
