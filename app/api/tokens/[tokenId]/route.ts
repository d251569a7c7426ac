import { requireSessionUser } from "@/lib/auth/require-session-user";
import { revokableTokensOf, revokeApiToken } from "@/lib/auth/revoke-api-token";
import { ok, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** DELETE /api/tokens/:id — revokes one of your tokens (admins: anyone's); audited. */
export const DELETE = withRoute<{ params: Promise<{ tokenId: string }> }>(async (_request, { params }) => {
  const actor = await requireSessionUser();
  const { tokenId } = await params;
  return ok(await revokeApiToken(tokenId, revokableTokensOf(actor)));
});
