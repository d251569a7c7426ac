import { prisma } from "@/lib/db/client";
import type { TModuleRow } from "./module.schema";
import { moduleNotFound } from "./prisma-errors";

export interface TModuleDetail extends TModuleRow {
  interfaces: { id: string; method: string; urlPattern: string; name: string | null }[];
  scenarios: { id: string; name: string; version: number; updatedAt: Date }[];
}

/** One module with its interfaces and scenarios; unknown id → AppError NOT_FOUND. */
export async function getModuleById(id: string): Promise<TModuleDetail> {
  const row = await prisma.module.findUnique({
    where: { id },
    include: {
      interfaces: {
        select: { id: true, method: true, urlPattern: true, name: true },
        orderBy: [{ urlPattern: "asc" }, { method: "asc" }],
      },
      scenarios: { select: { id: true, name: true, version: true, updatedAt: true }, orderBy: { name: "asc" } },
    },
  });
  if (!row) throw moduleNotFound(id);
  return { ...row, interfaceCount: row.interfaces.length, scenarioCount: row.scenarios.length };
}
