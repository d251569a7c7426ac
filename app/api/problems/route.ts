import { getActor } from "@/lib/auth/get-actor";
import { ZProblemsQuery } from "@/lib/http/request-schemas";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createProblem } from "@/lib/problems/create-problem";
import { findProblems } from "@/lib/problems/find-problems";

export const dynamic = "force-dynamic";

/**
 * GET /api/problems[?status=open&status=in_progress][&open=true][&severity=][&moduleId=][&runId=]
 * [&reportId=][&q=][&sort=-number|number|updated|-updated|severity|status|title] → { data: TProblemRow[] }
 */
export const GET = withRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const q = ZProblemsQuery.parse({
    ...Object.fromEntries(params),
    status: params.getAll("status").length ? params.getAll("status") : undefined,
  });
  const rows = await findProblems({
    ...q,
    isOpen: q.open === undefined ? undefined : q.open === "true",
  } as Parameters<typeof findProblems>[0]);
  return ok(rows);
});

/**
 * POST /api/problems { title, description?, status?, severity?, owner?, moduleIds?, runIds?,
 * interfaceIds?, reportId?, note? } → 201 { data: TProblemRow } · 400 (bad input, unknown links)
 */
export const POST = withRoute(async (request) => {
  return created(await createProblem(await readJsonBody(request, 256 * 1024), (await getActor())?.name));
});
