import { actorFromHeaders } from "@/lib/auth/actor";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { findRuns } from "@/lib/runs/find-runs";
import type { TEnqueueRunInput, TFindRunsQuery } from "@/lib/runs/run.schema";

export const dynamic = "force-dynamic";

/** GET /api/runs?status=&scenarioId=&take=&skip= → { data: TRunRow[] } (findRuns, the runs page's list) */
export const GET = withRoute(async (request) => {
  const p = new URL(request.url).searchParams;
  const query = Object.fromEntries(["status", "scenarioId", "take", "skip"].flatMap((k) => (p.has(k) ? [[k, p.get(k)!]] : [])));
  return ok(await findRuns(query as TFindRunsQuery));
});

/**
 * POST /api/runs { scenarioIds: [...], overrides?, variables?, thresholds?, name? } → 201 { data: { id, status: "queued" } } · 400
 * (`variables`: launch parameters, name → string | number | boolean; a required `${__P(name)}` missing → 400 naming it).
 */
export const POST = withRoute(async (request) => {
  const body = (await readJsonBody(request)) as TEnqueueRunInput;
  // Who starts it: the actor proxy.ts authenticated, never a field of the body.
  return created(await enqueueRun(body, { actor: actorFromHeaders(request.headers) }));
});
