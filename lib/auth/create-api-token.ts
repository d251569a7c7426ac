import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";
import { API_TOKEN_PREFIX, ZApiTokenInput, type TApiTokenRow } from "./api-token.schema";
import { generateSecretToken, sha256Hex } from "./token-hash";

/** At most this many live tokens per user (a leak would otherwise be hard to audit). */
export const MAX_TOKENS_PER_USER = 50;

/**
 * Creates an API token for `userId`. The plain token is returned once, here; only its sha256 and
 * its first characters are stored. The token acts with its owner's role, now and later. Audited.
 */
export async function createApiToken(userId: string, input: unknown): Promise<{ token: string; row: TApiTokenRow }> {
  const { name } = ZApiTokenInput.parse(input);
  const live = await prisma.apiToken.count({ where: { userId, revokedAt: null } });
  if (live >= MAX_TOKENS_PER_USER) {
    throw new AppError(AppErrorCode.CONFLICT, `You have ${live} tokens; revoke some before creating more.`);
  }
  const token = generateSecretToken(API_TOKEN_PREFIX);
  const row = await prisma.apiToken.create({
    data: { userId, name, tokenHash: sha256Hex(token), tokenPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6) },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  });
  await recordAudit({ action: "token.create", targetType: "apiToken", targetId: row.id, details: { name: row.name } });
  return { token, row };
}
