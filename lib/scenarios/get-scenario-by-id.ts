import { prisma } from "@/lib/db/client";
import { scenarioWarnings, type TScenario } from "@/lib/engine/scenario";
import { AppError, AppErrorCode } from "@/lib/errors";
import type { TScenarioRecord } from "./scenario.schema";

/** One scenario with its document; AppError(NOT_FOUND) when there is none. */
export async function getScenarioById(id: string): Promise<TScenarioRecord> {
  const row = await prisma.scenario.findUnique({ where: { id }, include: { module: { select: { name: true } } } });
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
  // The module's current name (it may have been renamed since the scenario was saved).
  const definition = { ...(row.definition as unknown as TScenario), module: row.module.name };
  return {
    id: row.id,
    moduleId: row.moduleId,
    moduleName: row.module.name,
    name: row.name,
    version: row.version,
    definition,
    warnings: scenarioWarnings(definition),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
