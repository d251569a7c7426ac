"use server";

import type { TActionResult } from "@/app/_lib/action-result";
import { apiAction } from "@/app/_lib/api-action";
import type { TApiTokenRow } from "@/lib/auth/api-token.schema";
import { createApiToken } from "@/lib/auth/create-api-token";
import { requireActor } from "@/lib/auth/get-actor";
import { requireSessionUser } from "@/lib/auth/require-session-user";
import { revokableTokensOf, revokeApiToken } from "@/lib/auth/revoke-api-token";
import { ZTimeZoneBody } from "@/lib/http/request-schemas";
import type { TDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { setOwnTimeZone } from "@/lib/settings/set-user-time-zone";

/**
 * The Account page, as /api/tokens and /api/account/time-zone do it. Every role may call these
 * (OWN_ACCOUNT_ACTIONS in lib/auth/read-only-actions.ts): they touch only the caller's own rows.
 * Tokens need a signed-in session, never a token, or a leaked token could mint successors.
 */

type TTokenItem = Omit<TApiTokenRow, "createdAt" | "lastUsedAt" | "revokedAt"> & {
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
const PATHS = ["/account"];

/** { name } → the new token, in this answer and nowhere else, ever. */
export async function createApiTokenAction(input: unknown): Promise<TActionResult<TTokenItem & { token: string }>> {
  return apiAction(PATHS, async () => {
    const user = await requireSessionUser();
    const { token, row } = await createApiToken(user.id, input);
    return {
      ...row,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
      token,
    };
  });
}

/** One of your tokens (admins: anyone's). */
export async function revokeApiTokenAction(tokenId: string): Promise<TActionResult<{ id: string; name: string }>> {
  return apiAction(PATHS, async () => {
    const user = await requireSessionUser();
    return revokeApiToken(String(tokenId), revokableTokensOf(user));
  });
}

/** { timeZone: "Asia/Shanghai" | null } — your own; null follows the installation's. Every page shows times in it. */
export async function setOwnTimeZoneAction(input: unknown): Promise<TActionResult<TDisplayTimeZone>> {
  return apiAction([["/", "layout"]], async () => {
    const actor = await requireActor();
    return setOwnTimeZone(actor, ZTimeZoneBody.parse(input).timeZone);
  });
}
