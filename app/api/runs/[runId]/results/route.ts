import { okJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getRunResultsBody } from "@/lib/runs/get-run-results";
import { ZResultsQuery } from "@/lib/runs/run.schema";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/results?from=&to=&slowThresholdMs= → { data: TRunResults } · 400 · 404 */
export const GET = withRoute<TRunContext>(async (request, { params }) => {
  const { runId } = await params;
  const p = new URL(request.url).searchParams;
  const query = ZResultsQuery.parse({
    from: p.get("from") ?? undefined,
    to: p.get("to") ?? undefined,
    slowThresholdMs: p.get("slowThresholdMs") ?? undefined,
  });
  return okJsonBody(await getRunResultsBody(runId, query));
});
