import { prisma } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/escape-like";
import type { TScenario } from "@/lib/engine/scenario";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { ZFindScenariosQuery, type TFindScenariosQuery, type TScenarioListItem } from "./scenario.schema";

/** Scenarios, by module then name (no documents: use getScenarioById for one). */
export async function findScenarios(query: TFindScenariosQuery = {}): Promise<TScenarioListItem[]> {
  const parsed = ZFindScenariosQuery.safeParse(query);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid query", toFieldIssues(parsed.error.issues));
  const q = parsed.data;
  const rows = await prisma.scenario.findMany({
    where: {
      ...(q.moduleId ? { moduleId: q.moduleId } : {}),
      ...(q.q ? { name: { contains: escapeLike(q.q), mode: "insensitive" as const } } : {}),
    },
    include: { module: { select: { name: true } } },
    orderBy: [{ module: { name: "asc" } }, { name: "asc" }],
    take: q.take,
    skip: q.skip,
  });
  return rows.map((r) => {
    const d = r.definition as unknown as TScenario;
    const load = d.load;
    return {
      id: r.id,
      moduleId: r.moduleId,
      moduleName: r.module.name,
      name: r.name,
      version: r.version,
      baseUrl: d.baseUrl,
      vus: load.arrivalRate ? load.arrivalRate.maxVus : (load.vus ?? 0),
      durationSeconds: load.arrivalRate ? load.arrivalRate.durationSeconds : (load.durationSeconds ?? null),
      updatedAt: r.updatedAt,
    };
  });
}
