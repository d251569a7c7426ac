import { prisma } from "@/lib/db/client";
import { ZModuleInput, type TModuleRow } from "./module.schema";
import { isUniqueViolation, moduleNameTaken } from "./prisma-errors";

/**
 * Creates a module. Input is parsed here too (callers may pass anything), so a ZodError means bad
 * input; a taken name → AppError ALREADY_EXISTS. The unique index decides, not a prior lookup,
 * so two concurrent creates cannot both win.
 */
export async function createModule(input: unknown): Promise<TModuleRow> {
  const data = ZModuleInput.parse(input);
  try {
    const row = await prisma.module.create({ data });
    return { ...row, interfaceCount: 0, scenarioCount: 0 };
  } catch (error) {
    if (isUniqueViolation(error)) throw moduleNameTaken(data.name);
    throw error;
  }
}
