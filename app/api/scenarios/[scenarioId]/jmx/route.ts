import { withRoute } from "@/lib/http/route-helpers";
import { exportScenarioJmx } from "@/lib/imports/export-scenario-jmx";

export const dynamic = "force-dynamic";

/**
 * GET /api/scenarios/:id/jmx[?jmeter=2.13] → the scenario as a JMeter test plan (attachment).
 * What did not carry over is listed in the X-Jmx-Report header (JSON, URI-encoded, first 4000
 * characters). Inline CSV data files the plan refers to are not part of the download.
 */
export const GET = withRoute<{ params: Promise<{ scenarioId: string }> }>(async (request, { params }) => {
  const { scenarioId } = await params;
  const version = new URL(request.url).searchParams.get("jmeter") === "2.13" ? "2.13" : "3";
  const r = await exportScenarioJmx(scenarioId, { jmeterVersion: version });
  const fileName = `${r.name.replace(/[^\w.-]+/g, "_") || "scenario"}.jmx`;
  return new Response(r.jmx, {
    headers: {
      "content-type": "application/xml; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(`${r.name}.jmx`)}`,
      "x-jmx-report": encodeURIComponent(JSON.stringify(r.report)).slice(0, 4000),
    },
  });
});
