import { getActor } from "@/lib/auth/get-actor";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { getProblem } from "@/lib/problems/get-problem";
import { updateProblem } from "@/lib/problems/update-problem";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ problemId: string }>;
}

/** GET /api/problems/:id (id or number) → { data: TProblemDetail } with its notes · 404 */
export const GET = withRoute<TContext>(async (_request, { params }) => ok(await getProblem((await params).problemId)));

/**
 * PATCH /api/problems/:id { title?, description?, status?, severity?, owner?, moduleIds?, runIds?,
 * interfaceIds?, reportId?, note?, author? } → { data: TProblemRow } · 400 · 404
 * A status change is recorded in the history together with `note`.
 */
export const PATCH = withRoute<TContext>(async (request, { params }) =>
  ok(await updateProblem((await params).problemId, await readJsonBody(request, 256 * 1024), (await getActor())?.name)),
);
