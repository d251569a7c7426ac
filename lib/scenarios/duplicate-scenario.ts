import { prisma, Prisma } from "@/lib/db/client";
import type { TScenario } from "@/lib/engine/scenario";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";
import { assertScenarioTargetsAllowed } from "@/lib/security/assert-targets-allowed";
import { uniqueNameError } from "./create-scenario";

/**
 * Copy a scenario in the same module as "<name> (copy)", "<name> (copy 2)", … or `name`; refused
 * (INVALID_INPUT, nothing saved) when a target is not on the allow-list, as create and update are.
 */
export async function duplicateScenario(id: string, options: { name?: string } = {}): Promise<{ id: string; name: string }> {
  const source = await prisma.scenario.findUnique({ where: { id } });
  if (!source) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
  let name = options.name?.trim();
  if (name !== undefined && (name.length === 0 || name.length > 200))
    throw new AppError(AppErrorCode.INVALID_INPUT, "invalid name", [{ path: "name", message: "1–200 characters" }]);
  if (!name) {
    const taken = new Set(
      (
        await prisma.scenario.findMany({
          where: { moduleId: source.moduleId, name: { startsWith: `${source.name} (copy` } },
          select: { name: true },
        })
      ).map((s) => s.name),
    );
    name = `${source.name} (copy)`;
    for (let n = 2; taken.has(name); n++) name = `${source.name} (copy ${n})`;
  }
  const definition = { ...(source.definition as unknown as TScenario), name };
  // A copy is a new save: the list may have been narrowed since the source was stored.
  await assertScenarioTargetsAllowed(definition);
  try {
    const row = await prisma.scenario.create({
      data: { moduleId: source.moduleId, name, definition: definition as unknown as Prisma.InputJsonValue },
      select: { id: true, name: true },
    });
    await recordAudit({ action: "scenario.duplicate", targetType: "scenario", targetId: row.id, details: { from: id, name } });
    return row;
  } catch (error) {
    throw uniqueNameError(error) ?? error;
  }
}
