import { z } from "zod";
import { getActor } from "@/lib/auth/get-actor";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createProblem } from "@/lib/problems/create-problem";
import { findProblems } from "@/lib/problems/find-problems";

export const dynamic = "force-dynamic";

const ZQuery = z.object({
  status: z.array(z.string()).optional(),
  open: z.enum(["true", "false"]).optional(),
  severity: z.string().optional(),
  moduleId: z.string().optional(),
  runId: z.string().optional(),
  reportId: z.string().optional(),
  q: z.string().optional(),
  sort: z.string().optional(),
});

/**
 * GET /api/problems[?status=open&status=in_progress][&open=true][&severity=][&moduleId=][&runId=]
 * [&reportId=][&q=][&sort=-number|number|updated|-updated|severity|status|title] → { data: TProblemRow[] }
 */
export const GET = withRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const q = ZQuery.parse({
    ...Object.fromEntries(params),
    status: params.getAll("status").length ? params.getAll("status") : undefined,
  });
  return ok(
    await findProblems({
      ...q,
      isOpen: q.open === undefined ? undefined : q.open === "true",
    } as Parameters<typeof findProblems>[0]),
  );
});

/**
 * POST /api/problems { title, description?, status?, severity?, owner?, moduleIds?, runIds?,
 * interfaceIds?, reportId?, note? } → 201 { id, data: TProblemRow } · 400 (bad input, unknown links)
 */
export const POST = withRoute(async (request) => {
  const problem = await createProblem(await readJsonBody(request, 256 * 1024), (await getActor())?.name);
  return Response.json({ id: problem.id, data: problem }, { status: 201 });
});
