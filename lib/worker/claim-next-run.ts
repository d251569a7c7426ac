/**
 * Claim the oldest queued run, atomically: one UPDATE whose sub-select locks the row with
 * FOR UPDATE SKIP LOCKED, so concurrent workers never claim the same run and never wait on
 * each other. Returns null when nothing is queued.
 */
import { prisma } from "../db/client";

export interface TClaimedRun {
  id: string;
  scenarios: unknown;
  overrides: unknown;
  startedAt: Date;
}

export async function claimNextRun(workerId: string): Promise<TClaimedRun | null> {
  const rows = await prisma.$queryRaw<TClaimedRun[]>`
    UPDATE "Run"
       SET "status" = 'running', "startedAt" = now(), "heartbeatAt" = now(), "workerId" = ${workerId}
     WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'queued' ORDER BY "createdAt" FOR UPDATE SKIP LOCKED LIMIT 1)
       AND "status" = 'queued'
    RETURNING "id", "scenarios", "overrides", "startedAt"`;
  return rows[0] ?? null;
}
