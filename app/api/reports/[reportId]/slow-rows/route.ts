import { created, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createSlowRow } from "@/lib/reports/create-slow-row";

export const dynamic = "force-dynamic";

/**
 * POST /api/reports/:id/slow-rows { url, avgMs, method?, module?, samples?, note?, position? } →
 * 201 { data } · 400 · 404 — a slow-list row entered by hand, shown marked "manual".
 */
export const POST = withRoute<{ params: Promise<{ reportId: string }> }>(async (request, { params }) =>
  created(await createSlowRow((await params).reportId, await readJsonBody(request, 64 * 1024))),
);
