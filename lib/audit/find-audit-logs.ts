import { prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import { z } from "zod";

export const ZAuditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  /** Entries older than this id (paging backwards). */
  before: z.coerce.bigint().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface TAuditRow {
  id: string;
  at: Date;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: unknown;
}

/** Newest first, optionally filtered by action prefix or actor name. */
export async function findAuditLogs(query: unknown = {}): Promise<TAuditRow[]> {
  const q = ZAuditQuery.parse(query);
  const rows = await prisma.auditLog.findMany({
    where: {
      ...(q.action ? { action: { startsWith: escapeLike(q.action) } } : {}),
      ...(q.actor ? { actorName: { contains: escapeLike(q.actor), mode: "insensitive" } } : {}),
      ...(q.before !== undefined ? { id: { lt: q.before } } : {}),
    },
    orderBy: { id: "desc" },
    take: q.limit,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actorName: r.actorName ?? "system",
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    details: r.details,
  }));
}
