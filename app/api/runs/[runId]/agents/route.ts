import { getRunAgents } from "@/lib/agents/get-run-agents";
import { ok, withRoute } from "@/lib/http/route-helpers";
import type { TRunContext } from "@/app/api/runs/[runId]/context";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/agents → { data: TRunAgentRow[] } (empty for a run on this machine) */
export const GET = withRoute<TRunContext>(async (_request, { params }) => ok(await getRunAgents((await params).runId)));
