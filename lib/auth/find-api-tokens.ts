import { prisma } from "@/lib/db/client";
import type { TApiTokenRow } from "./api-token.schema";

/** A user's tokens, newest first, revoked ones included (the list shows them greyed). */
export async function findApiTokens(userId: string): Promise<TApiTokenRow[]> {
  return prisma.apiToken.findMany({
    where: { userId },
    select: { id: true, name: true, tokenPrefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { createdAt: "desc" },
  });
}
