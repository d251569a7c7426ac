import { ok, withRoute } from "@/lib/http/route-helpers";
import { getRunById } from "@/lib/runs/get-run-by-id";
import type { TRunContext } from "./context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id → { data: TRunRecord } (status, timestamps, scenarios, thresholds) · 404 */
export const GET = withRoute<TRunContext>(async (_request, { params }) => {
  const { runId } = await params;
  return ok(await getRunById(runId));
});
