import { recordAudit } from "@/lib/audit/record-audit";
import { requireSessionUser } from "@/lib/auth/require-session-user";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";
import { ok, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** DELETE /api/tokens/:id — revokes one of your tokens (admins: anyone's). */
export const DELETE = withRoute<{ params: Promise<{ tokenId: string }> }>(async (_request, { params }) => {
  const actor = await requireSessionUser();
  const { tokenId } = await params;
  const token = await revokeApiToken(tokenId, actor.role === "admin" ? null : actor.id);
  await recordAudit({ action: "token.revoke", targetType: "apiToken", targetId: token.id, details: { name: token.name } });
  return ok(token);
});
