import { prisma } from "@/lib/db/client";
import { scenarioModule, validateScenario, type TScenario, type TScenarioIssue } from "@/lib/engine/scenario";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { assertStorableDocument } from "./check-storable-document";
import { ZScenarioInput, type TScenarioInput } from "./scenario.schema";

export interface TResolvedScenario {
  moduleId: string;
  moduleName: string;
  definition: TScenario;
  warnings: TScenarioIssue[];
  expectedVersion?: number;
}

/**
 * Validate a create/update input and find its module (see scenario.schema.ts for the rule).
 * Throws AppError(INVALID_INPUT) with field issues; touches nothing.
 */
export async function resolveScenarioInput(input: TScenarioInput): Promise<TResolvedScenario> {
  assertStorableDocument(input.definition);
  const parsed = ZScenarioInput.safeParse(input);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid scenario input", toFieldIssues(parsed.error.issues));
  const result = validateScenario(parsed.data.definition);
  if (!result.ok) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid scenario", result.errors);
  const doc = result.scenario;
  let owner: { id: string; name: string } | null;
  if (parsed.data.moduleId) {
    owner = await prisma.module.findUnique({ where: { id: parsed.data.moduleId }, select: { id: true, name: true } });
    if (!owner) throw new AppError(AppErrorCode.INVALID_INPUT, "unknown module", [{ path: "moduleId", message: "no module with this id" }]);
    if (doc.module !== undefined && doc.module !== owner.name)
      throw new AppError(AppErrorCode.INVALID_INPUT, "module mismatch", [
        { path: "module", message: `the document names module "${doc.module}" but moduleId is module "${owner.name}"` },
      ]);
  } else {
    const name = scenarioModule(doc);
    owner = await prisma.module.findUnique({ where: { name }, select: { id: true, name: true } });
    if (!owner)
      throw new AppError(AppErrorCode.INVALID_INPUT, "unknown module", [
        { path: doc.module !== undefined ? "module" : "moduleId", message: `no module named "${name}": create it first or give moduleId` },
      ]);
  }
  return {
    moduleId: owner.id,
    moduleName: owner.name,
    definition: { ...doc, module: owner.name },
    warnings: result.warnings,
    ...(parsed.data.expectedVersion !== undefined ? { expectedVersion: parsed.data.expectedVersion } : {}),
  };
}
