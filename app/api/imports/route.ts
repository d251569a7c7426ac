import { ok, withRoute } from "@/lib/http/route-helpers";
import { findImports, type TFindImportsQuery } from "@/lib/imports/find-imports";

export const dynamic = "force-dynamic";

/** GET /api/imports?status=&kind=&take=&skip= → { data: TImportRecord[] } (newest first, with progress). */
export const GET = withRoute(async (request) => {
  const p = new URL(request.url).searchParams;
  const query = Object.fromEntries(["status", "kind", "take", "skip"].flatMap((k) => (p.has(k) ? [[k, p.get(k)!]] : [])));
  return ok(await findImports(query as TFindImportsQuery));
});
