import { findAgents } from "@/lib/agents/find-agents";
import { ok, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** GET /api/agents → { data: [{ id, name, labels, version, status, clockOffsetMs, rttMs, cpuPct, lastSeenAt, runId }] } */
export const GET = withRoute(async () => ok(await findAgents()));
