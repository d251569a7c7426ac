import { withRoute } from "@/lib/http/route-helpers";
import { getRunLive } from "@/lib/runs/get-run-live";
import { ZLiveQuery } from "@/lib/runs/run.schema";
import type { TRunContext } from "../context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/live?since=<epochSecond>&series=<labelIndex,…>&seriesSince=<epochSecond> → TRunLive · 400 · 404 */
export const GET = withRoute<TRunContext>(async (request, { params }) => {
  const { runId } = await params;
  const p = new URL(request.url).searchParams;
  const query = ZLiveQuery.parse({ since: p.get("since") ?? undefined, series: p.get("series") ?? undefined, seriesSince: p.get("seriesSince") ?? undefined });
  return Response.json(await getRunLive(runId, query), { headers: { "cache-control": "no-store" } });
});
