import { AppError, AppErrorCode } from "@/lib/errors";
import { ok, withRoute } from "@/lib/http/route-helpers";
import { findShareLinks } from "@/lib/share/find-share-links";
import { revokeShareLink } from "@/lib/share/revoke-share-link";

export const dynamic = "force-dynamic";

/** DELETE /api/reports/:id/share/:linkId → { data: { id, reportId } } (revoked at once) · 404 */
export const DELETE = withRoute<{ params: Promise<{ reportId: string; linkId: string }> }>(async (_request, { params }) => {
  const { reportId, linkId } = await params;
  const links = await findShareLinks(reportId);
  if (!links.some((l) => l.id === linkId)) throw new AppError(AppErrorCode.NOT_FOUND, `Share link ${linkId} not found on this report.`);
  const revoked = await revokeShareLink(linkId);
  return ok({ id: revoked.id, reportId: revoked.reportId });
});
