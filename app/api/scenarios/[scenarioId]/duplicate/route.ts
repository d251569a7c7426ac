import { z } from "zod";
import { readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { duplicateScenario } from "@/lib/scenarios/duplicate-scenario";
import type { TScenarioContext } from "../../scenario-body";

export const dynamic = "force-dynamic";

const ZDuplicateBody = z.object({ name: z.string().optional() });

/** POST /api/scenarios/:id/duplicate { name? } → 201 { id, name } · 404 · 409 */
export const POST = withRoute<TScenarioContext>(async (request, { params }) => {
  const { scenarioId } = await params;
  const hasBody = Number(request.headers.get("content-length") ?? "0") > 0 || request.headers.has("content-type");
  const body = ZDuplicateBody.parse(hasBody ? await readJsonBody(request) : {});
  return Response.json(await duplicateScenario(scenarioId, body), { status: 201 });
});
