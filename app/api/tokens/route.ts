import { createApiToken } from "@/lib/auth/create-api-token";
import { findApiTokens } from "@/lib/auth/find-api-tokens";
import { requireSessionUser } from "@/lib/auth/require-session-user";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

async function requireUserId(): Promise<string> {
  return (await requireSessionUser()).id;
}

/** GET /api/tokens — your API tokens (never the secrets). Signed-in sessions only, as POST and DELETE. */
export const GET = withRoute(async () => ok(await findApiTokens(await requireUserId())));

/** POST /api/tokens { name } — a new token for you; `token` is in this answer and nowhere else, ever. */
export const POST = withRoute(async (request) => {
  const userId = await requireUserId();
  const { token, row } = await createApiToken(userId, await readJsonBody(request, 4 * 1024));
  return created({ ...row, token });
});
