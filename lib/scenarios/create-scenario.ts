import { prisma, Prisma } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, AppErrorCode } from "@/lib/errors";
import { assertScenarioTargetsAllowed } from "@/lib/security/assert-targets-allowed";
import { resolveScenarioInput } from "./resolve-scenario-input";
import type { TScenarioInput } from "./scenario.schema";
import type { TScenarioIssue } from "@/lib/engine/scenario";

/**
 * Create a scenario. Invalid → AppError(INVALID_INPUT) with field issues, nothing saved;
 * a scenario of the same name in the module → ALREADY_EXISTS.
 */
export async function createScenario(input: TScenarioInput): Promise<{ id: string; version: number; warnings: TScenarioIssue[] }> {
  const r = await resolveScenarioInput(input);
  await assertScenarioTargetsAllowed(r.definition);
  try {
    const row = await prisma.scenario.create({
      data: { moduleId: r.moduleId, name: r.definition.name, definition: r.definition as unknown as Prisma.InputJsonValue },
      select: { id: true, version: true },
    });
    await recordAudit({ action: "scenario.create", targetType: "scenario", targetId: row.id, details: { name: r.definition.name } });
    return { ...row, warnings: r.warnings };
  } catch (error) {
    throw uniqueNameError(error) ?? error;
  }
}

export function uniqueNameError(error: unknown): AppError | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
    return new AppError(AppErrorCode.ALREADY_EXISTS, "a scenario with this name already exists in the module", [
      { path: "name", message: "already used by another scenario of this module" },
    ]);
  return null;
}
