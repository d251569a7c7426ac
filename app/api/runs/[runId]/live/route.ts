import { ok, withRoute } from "@/lib/http/route-helpers";
import { getRunLive } from "@/lib/runs/get-run-live";
import { ZLiveQuery } from "@/lib/runs/run.schema";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/live?since=<epochSecond>&series=<labelIndex,…>&seriesSince=<epochSecond>&labels=0 → { data: TRunLive } · 400 · 404 */
export const GET = withRoute<TRunContext>(async (request, { params }) => {
  const { runId } = await params;
  const p = new URL(request.url).searchParams;
  const { labels, ...query } = ZLiveQuery.parse({
    since: p.get("since") ?? undefined,
    series: p.get("series") ?? undefined,
    seriesSince: p.get("seriesSince") ?? undefined,
    labels: p.get("labels") ?? undefined,
  });
  return ok(await getRunLive(runId, { ...query, withLabels: labels !== "0" }), { headers: { "cache-control": "no-store" } });
});
