import { actorFromHeaders } from "@/lib/auth/actor";
import { noContent, ok, withRoute } from "@/lib/http/route-helpers";
import { deleteScenario } from "@/lib/scenarios/delete-scenario";
import { getScenarioById } from "@/lib/scenarios/get-scenario-by-id";
import { scenarioRecordFor } from "@/lib/scenarios/mask-scenario-for";
import { updateScenario } from "@/lib/scenarios/update-scenario";
import { readScenarioBody, type TScenarioContext } from "@/app/api/scenarios/scenario-body";

export const dynamic = "force-dynamic";

/** GET /api/scenarios/:id → { data: TScenarioRecord } (secrets masked below tester: they cannot save it back) · 404 */
export const GET = withRoute<TScenarioContext>(async (request, { params }) => {
  const { scenarioId } = await params;
  return ok(scenarioRecordFor(await getScenarioById(scenarioId), actorFromHeaders(request.headers)));
});

/** PUT /api/scenarios/:id (same body as POST) → { data: { id, version, warnings } } · 400 · 404 · 409 */
export const PUT = withRoute<TScenarioContext>(async (request, { params }) => {
  const { scenarioId } = await params;
  return ok(await updateScenario(scenarioId, await readScenarioBody(request)));
});

/** DELETE /api/scenarios/:id → 204 · 404 (its runs stay, with their frozen copy) */
export const DELETE = withRoute<TScenarioContext>(async (_request, { params }) => {
  const { scenarioId } = await params;
  await deleteScenario(scenarioId);
  return noContent();
});
