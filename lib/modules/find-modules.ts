import { prisma } from "@/lib/db/client";
import type { TModuleRow } from "./module.schema";

/** Every module, by name, with how many interfaces and scenarios each has. */
export async function findModules(): Promise<TModuleRow[]> {
  const rows = await prisma.module.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { interfaces: true, scenarios: true } } },
  });
  return rows.map(({ _count, ...module }) => ({
    ...module,
    interfaceCount: _count.interfaces,
    scenarioCount: _count.scenarios,
  }));
}
