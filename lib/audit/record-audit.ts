import type { TActor } from "@/lib/auth/actor";
import { prisma, Prisma } from "@/lib/db/client";
import { maskSecrets } from "@/lib/security/mask-secrets";

export interface TAuditEntry {
  /** verb-noun, dotted: "run.start", "run.cancel", "scenario.delete", "import.create", "user.create" … */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Small JSON: names, counts, the reason. Secrets are masked before writing. */
  details?: unknown;
  /** Who did it; default: getActor() of the current request. Pass it from the worker or scripts. */
  actor?: TActor | null;
}

/**
 * Appends one line to the audit log (who launched / cancelled / deleted / imported what, when).
 * Never throws: a failed audit write is logged, the operation it records has already happened.
 * Plain relative imports: the worker (node + tsx) may call it too.
 */
export async function recordAudit(entry: TAuditEntry): Promise<void> {
  try {
    // Imported lazily: next/headers is only there inside Next; the worker passes `actor` itself.
    const actor = entry.actor === undefined ? await (await import("@/lib/auth/get-actor")).getActor() : entry.actor;
    await prisma.auditLog.create({
      data: {
        actorId: actor?.id ?? null,
        actorName: actor?.name ?? "system",
        action: entry.action.slice(0, 100),
        targetType: entry.targetType.slice(0, 100),
        targetId: entry.targetId ?? null,
        details: entry.details === undefined ? Prisma.DbNull : (maskSecrets(entry.details) as Prisma.InputJsonValue),
      },
    });
  } catch (error) {
    console.error("[audit] could not record", entry.action, error);
  }
}
