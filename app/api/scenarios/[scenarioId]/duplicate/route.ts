import { ZDuplicateScenarioBody } from "@/lib/http/request-schemas";
import { created, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { duplicateScenario } from "@/lib/scenarios/duplicate-scenario";
import type { TScenarioContext } from "@/app/api/scenarios/scenario-body";

export const dynamic = "force-dynamic";

/** POST /api/scenarios/:id/duplicate { name? } → 201 { data: { id, name } } · 404 · 409 */
export const POST = withRoute<TScenarioContext>(async (request, { params }) => {
  const { scenarioId } = await params;
  const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("content-type");
  const body = ZDuplicateScenarioBody.parse(hasBody ? await readJsonBody(request) : {});
  return created(await duplicateScenario(scenarioId, body));
});
