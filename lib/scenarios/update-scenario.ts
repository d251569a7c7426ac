import { prisma, Prisma } from "@/lib/db/client";
import type { TScenarioIssue } from "@/lib/engine/scenario";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";
import { assertScenarioTargetsAllowed } from "@/lib/security/assert-targets-allowed";
import { restoreMaskedSecrets } from "@/lib/security/mask-secrets";
import { uniqueNameError } from "./create-scenario";
import { resolveScenarioInput } from "./resolve-scenario-input";
import type { TScenarioInput } from "./scenario.schema";

/**
 * Replace a scenario's document (and possibly move it to another module); version + 1. Runs keep
 * the frozen copy they launched with. With `expectedVersion`, a concurrent edit → CONFLICT.
 */
export async function updateScenario(
  id: string,
  input: TScenarioInput,
): Promise<{ id: string; version: number; warnings: TScenarioIssue[] }> {
  const existing = await prisma.scenario.findUnique({ where: { id }, select: { version: true, definition: true } });
  if (!existing) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
  // Editors show secrets masked: a value still masked keeps the stored secret at that path.
  const r = await resolveScenarioInput({ ...input, definition: restoreMaskedSecrets(input.definition, existing.definition) });
  await assertScenarioTargetsAllowed(r.definition);
  try {
    const updated = await prisma.scenario.updateMany({
      where: { id, ...(r.expectedVersion !== undefined ? { version: r.expectedVersion } : {}) },
      data: {
        moduleId: r.moduleId,
        name: r.definition.name,
        definition: r.definition as unknown as Prisma.InputJsonValue,
        version: { increment: 1 },
      },
    });
    if (updated.count === 0) {
      const still = await prisma.scenario.findUnique({ where: { id }, select: { version: true } });
      if (!still) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
      throw new AppError(AppErrorCode.CONFLICT, `the scenario was changed meanwhile (now version ${still.version})`, [
        { path: "expectedVersion", message: `stored version is ${still.version}` },
      ]);
    }
  } catch (error) {
    throw uniqueNameError(error) ?? error;
  }
  const row = await prisma.scenario.findUniqueOrThrow({ where: { id }, select: { version: true } });
  await recordAudit({
    action: "scenario.update",
    targetType: "scenario",
    targetId: id,
    details: { name: r.definition.name, version: row.version },
  });
  return { id, version: row.version, warnings: r.warnings };
}
