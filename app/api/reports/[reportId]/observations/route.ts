import { created, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createObservation } from "@/lib/reports/create-observation";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/:id/observations { feature, seconds: "2-5" | 3 | [2,5] | {min,max} } or
 * { feature, status: "正常" }, optional note, observedAt (ISO), position → 201 { data } · 400 · 404
 */
export const POST = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) =>
  created(await createObservation((await params).reportId, await readJsonBody(request, 64 * 1024))),
);
