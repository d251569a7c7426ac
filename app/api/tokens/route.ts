import { recordAudit } from "@/lib/audit/record-audit";
import { createApiToken } from "@/lib/auth/create-api-token";
import { findApiTokens } from "@/lib/auth/find-api-tokens";
import { requireActor } from "@/lib/auth/get-actor";
import { AppError, AppErrorCode } from "@/lib/errors";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

async function requireUserId(): Promise<string> {
  const actor = await requireActor();
  if (!actor.id) throw new AppError(AppErrorCode.INVALID_INPUT, "The bootstrap token has no account of its own; create a user and sign in as them.");
  return actor.id;
}

/** GET /api/tokens — your API tokens (never the secrets). */
export const GET = withRoute(async () => ok(await findApiTokens(await requireUserId())));

/** POST /api/tokens { name } — a new token for you; `token` is in this answer and nowhere else, ever. */
export const POST = withRoute(async (request) => {
  const userId = await requireUserId();
  const { token, row } = await createApiToken(userId, await readJsonBody(request, 4 * 1024));
  await recordAudit({ action: "token.create", targetType: "apiToken", targetId: row.id, details: { name: row.name } });
  return created({ ...row, token });
});
