import { noContent, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { deleteModule } from "@/lib/modules/delete-module";
import { getModuleById } from "@/lib/modules/get-module-by-id";
import { updateModule } from "@/lib/modules/update-module";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ moduleId: string }>;
}

/** GET /api/modules/:id → { data: TModuleDetail } · 404 */
export const GET = withRoute<TContext>(async (_request, { params }) => {
  const { moduleId } = await params;
  return ok(await getModuleById(moduleId));
});

/** PATCH /api/modules/:id { name?, description? } → { data: TModuleRow } · 400 · 404 · 409 · 413 */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  const { moduleId } = await params;
  return ok(await updateModule(moduleId, await readJsonBody(request)));
});

/** DELETE /api/modules/:id → 204 · 404 · 409 (module still has scenarios) */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  const { moduleId } = await params;
  await deleteModule(moduleId);
  return noContent();
});
