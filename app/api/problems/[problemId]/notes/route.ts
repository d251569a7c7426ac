import { getActor } from "@/lib/auth/get-actor";
import { created, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { addProblemNote } from "@/lib/problems/add-problem-note";

export const dynamic = "force-dynamic";

/** POST /api/problems/:id/notes { body, status?, author? } → 201 { data: TProblemRow } · 400 · 404 */
export const POST = withRoute<{ params: Promise<{ problemId: string }> }>(async (request, { params }) =>
  created(await addProblemNote((await params).problemId, await readJsonBody(request, 64 * 1024), (await getActor())?.name)),
);
