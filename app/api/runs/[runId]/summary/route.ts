import { ok, withRoute } from "@/lib/http/route-helpers";
import { getRunSummary } from "@/lib/runs/get-run-summary";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/summary → { data: TRunSummary } (the CLI's --json shape) · 404 */
export const GET = withRoute<TRunContext>(async (_request, { params }) => {
  const { runId } = await params;
  return ok(await getRunSummary(runId));
});
