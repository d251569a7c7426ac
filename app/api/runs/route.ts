import { readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { findRuns } from "@/lib/runs/find-runs";
import type { TEnqueueRunInput, TFindRunsQuery } from "@/lib/runs/run.schema";

export const dynamic = "force-dynamic";

/** GET /api/runs?status=&scenarioId=&take=&skip= → { runs: TRunRow[] } (findRuns, the runs page's list) */
export const GET = withRoute(async (request) => {
  const p = new URL(request.url).searchParams;
  const query = Object.fromEntries(["status", "scenarioId", "take", "skip"].flatMap((k) => (p.has(k) ? [[k, p.get(k)!]] : [])));
  return Response.json({ runs: await findRuns(query as TFindRunsQuery) });
});

/**
 * POST /api/runs { scenarioIds: [...], overrides?, variables?, thresholds?, name? } → 201 { id, status: "queued" } · 400
 * (`variables`: launch parameters, name → string | number | boolean; a required `${__P(name)}` missing → 400 naming it).
 */
export const POST = withRoute(async (request) => {
  const body = (await readJsonBody(request)) as TEnqueueRunInput;
  return Response.json(await enqueueRun(body), { status: 201 });
});
