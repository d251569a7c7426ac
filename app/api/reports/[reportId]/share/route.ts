import { publicOrigin } from "@/lib/auth/public-origin";
import { ZShareLinkBody } from "@/lib/http/request-schemas";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";
import { createShareLink } from "@/lib/share/create-share-link";
import { findShareLinks } from "@/lib/share/find-share-links";

export const dynamic = "force-dynamic";

interface TContext {
  params: Promise<{ reportId: string }>;
}

/** GET /api/reports/:id/share → { data: TShareLinkRow[] } (newest first; tokens are never shown again) */
export const GET = withRoute<TContext>(async (_request, { params }) => ok(await findShareLinks((await params).reportId)));

/**
 * POST /api/reports/:id/share [{ expiresInDays: 1…90 (default 7) }] → 201 { data: { id, url, expiresAt } }
 * The url (with its token) is shown this once; only the token's hash is stored. Body optional.
 */
export const POST = withRoute<TContext>(async (request, { params }) => {
  const { reportId } = await params;
  const hasBody = (await request.clone().text()).trim() !== "";
  const body = ZShareLinkBody.parse(hasBody ? await readJsonBody(request, 4096) : {});
  const { path, link } = await createShareLink({ reportId: reportId, expiresInDays: body.expiresInDays });
  // For people to open: the public URL or the Host the client used, never the internal localhost.
  const url = new URL(path, publicOrigin(request)).toString();
  return created({ id: link.id, url, expiresAt: link.expiresAt });
});
