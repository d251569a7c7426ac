import { maskSecrets } from "@/lib/security/mask-secrets";
import { prisma } from "@/lib/db/client";
import type { TScenario } from "@/lib/engine/scenario";
import { AppError, AppErrorCode } from "@/lib/errors";
import { exportJmx, type ExportJmxResult } from "@/lib/jmeter";

/** One scenario as a JMeter test plan (.jmx), with what did not carry over; AppError(NOT_FOUND). */
export async function exportScenarioJmx(
  scenarioId: string,
  options: { jmeterVersion?: "2.13" | "3" } = {},
): Promise<ExportJmxResult & { name: string }> {
  const row = await prisma.scenario.findUnique({
    where: { id: scenarioId },
    select: { name: true, definition: true, module: { select: { name: true } } },
  });
  if (!row) throw new AppError(AppErrorCode.NOT_FOUND, "scenario not found");
  // Exports never carry secrets (Authorization headers, passwords, secret CSV columns): masked.
  const scenario = maskSecrets({ ...(row.definition as unknown as TScenario), module: row.module.name });
  return { ...exportJmx([scenario], options), name: row.name };
}
