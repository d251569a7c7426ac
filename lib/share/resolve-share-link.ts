import { sha256Hex } from "@/lib/auth/token-hash";
import { rawPool } from "@/lib/run-metrics/raw-pool";

/**
 * The report a share token opens: `{ reportId }`, or null when the token is unknown, revoked or
 * expired (callers answer 404 alike, so a probe learns nothing). The share page must show this one
 * round and nothing else — no navigation, no links into the signed-in app.
 */
export async function resolveShareLink(
  token: string,
  now = new Date(),
): Promise<{ linkId: string; reportId: string; expiresAt: Date | null } | null> {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  // Every share page view starts here: one indexed read on the plain pool (through the Prisma client
  // ≈ 1.5 ms of CPU more). Never cached: a revoked link must stop working on the next request.
  // Timestamps are `timestamp(3)` holding UTC (lib/runs/find-runs.ts).
  const { rows } = await rawPool().query<{ id: string; reportId: string; revokedAt: Date | null; expiresAt: Date | null }>(
    `SELECT id, "roundId" AS "reportId", "revokedAt" AT TIME ZONE 'UTC' AS "revokedAt", "expiresAt" AT TIME ZONE 'UTC' AS "expiresAt"
       FROM "ShareLink" WHERE "tokenHash" = $1`,
    [sha256Hex(token)],
  );
  const link = rows[0];
  if (!link || link.revokedAt) return null;
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return null;
  return { linkId: link.id, reportId: link.reportId, expiresAt: link.expiresAt };
}
