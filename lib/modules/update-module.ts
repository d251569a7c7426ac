import { prisma } from "@/lib/db/client";
import { ZModuleUpdate, type TModuleRow } from "./module.schema";
import { isRecordNotFound, isUniqueViolation, moduleNameTaken, moduleNotFound } from "./prisma-errors";

/** Updates name and/or description. Unknown id → NOT_FOUND; a taken name → ALREADY_EXISTS. */
export async function updateModule(id: string, input: unknown): Promise<TModuleRow> {
  const data = ZModuleUpdate.parse(input);
  try {
    const row = await prisma.module.update({
      where: { id },
      data,
      include: { _count: { select: { interfaces: true, scenarios: true } } },
    });
    const { _count, ...module } = row;
    return { ...module, interfaceCount: _count.interfaces, scenarioCount: _count.scenarios };
  } catch (error) {
    if (isRecordNotFound(error)) throw moduleNotFound(id);
    if (isUniqueViolation(error) && data.name !== undefined) throw moduleNameTaken(data.name);
    throw error;
  }
}
