import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createModule } from "@/lib/modules/create-module";
import { findModules } from "@/lib/modules/find-modules";

export const dynamic = "force-dynamic";

/** GET /api/modules → { data: TModuleRow[] } */
export const GET = withRoute(async () => ok(await findModules()));

/** POST /api/modules { name, description? } → 201 { data: TModuleRow } · 400 · 409 · 413 */
export const POST = withRoute(async (request) => created(await createModule(await readJsonBody(request))));
