import { actorFromHeaders } from "@/lib/auth/actor";
import { created, ok, withRoute } from "@/lib/http/route-helpers";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { findScenarios } from "@/lib/scenarios/find-scenarios";
import { scenarioListFor } from "@/lib/scenarios/mask-scenario-for";
import { readScenarioBody } from "./scenario-body";

export const dynamic = "force-dynamic";

/** GET /api/scenarios?moduleId=&q=&take=&skip= → { data: TScenarioListItem[] } (base URLs masked below tester) */
export const GET = withRoute(async (request) => {
  const p = new URL(request.url).searchParams;
  const query = Object.fromEntries(["moduleId", "q", "take", "skip"].flatMap((k) => (p.has(k) ? [[k, p.get(k)!]] : [])));
  return ok(scenarioListFor(await findScenarios(query), actorFromHeaders(request.headers)));
});

/** POST /api/scenarios (JSON, or YAML with content-type: application/yaml) → 201 { data: { id, version, warnings } } · 400 · 409 · 413 · 415 */
export const POST = withRoute(async (request) => {
  return created(await createScenario(await readScenarioBody(request)));
});
