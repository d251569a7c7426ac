import { ok, withRoute } from "@/lib/http/route-helpers";
import { cancelRun } from "@/lib/runs/cancel-run";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** POST /api/runs/:id/cancel → { data: { id, status, cancelRequestedAt } } · 404 (queued: cancelled at once; running: stops within 2 s) */
export const POST = withRoute<TRunContext>(async (_request, { params }) => {
  const { runId } = await params;
  return ok(await cancelRun(runId));
});
