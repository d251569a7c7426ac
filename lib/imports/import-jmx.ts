/**
 * A JMeter test plan (.jmx) → scenarios, one per Thread Group, all or nothing: either every
 * scenario is created (in one transaction) or none is. Scenarios go into the module given, or into
 * the module named after their thread group (created when missing). A name already used in the
 * module gets " (imported)", " (imported 2)" … appended. The importer's report — elements with no
 * equivalent (skipped) or imported with a change (approximated), by element path and line — is
 * stored in Import.report and returned; a plan that cannot be read or yields an invalid scenario
 * leaves a failed Import with its reason.
 */
import { prisma, Prisma } from "../db/client";
import { validateScenario, type TScenario } from "../engine/scenario";
import { AppError, AppErrorCode } from "../errors";
import { importJmx, JmeterImportError, type TJmxImportReport } from "../jmeter";
import { storable } from "./storable";

export interface TImportJmxInput {
  text: string;
  fileName: string;
  /** Put every scenario into this module; default: the module named after each thread group. */
  moduleId?: string | null;
}

export interface TImportJmxResult {
  importId: string;
  scenarioIds: string[];
  scenarios: { id: string; name: string; module: string }[];
  report: TJmxImportReport;
}

export async function importJmxPlan(input: TImportJmxInput): Promise<TImportJmxResult> {
  const fileName = storable(input.fileName || "plan.jmx", 500);
  const bytes = BigInt(Buffer.byteLength(input.text));
  const failed = async (message: string, report?: unknown, issues: { path: string; message: string }[] = []) => {
    const row = await prisma.import.create({
      data: {
        kind: "jmx",
        fileName,
        status: "failed",
        bytesTotal: bytes,
        bytesRead: bytes,
        error: storable(message),
        finishedAt: new Date(),
        ...(report ? { report: report as Prisma.InputJsonValue } : {}),
      },
      select: { id: true },
    });
    return new JmxImportFailed(message, row.id, issues);
  };

  let owner: { id: string; name: string } | null = null;
  if (input.moduleId) {
    owner = await prisma.module.findUnique({ where: { id: input.moduleId }, select: { id: true, name: true } });
    if (!owner) throw new AppError(AppErrorCode.INVALID_INPUT, "unknown module", [{ path: "moduleId", message: "no module with this id" }]);
  }
  let parsed: ReturnType<typeof importJmx>;
  try {
    parsed = importJmx(input.text);
  } catch (error) {
    if (error instanceof JmeterImportError) throw await failed(error.message);
    throw error;
  }
  if (parsed.invalid.length) {
    const issues = parsed.invalid.flatMap((i) => i.errors.map((e) => ({ path: `${i.path}${e.path ? ` → ${e.path}` : ""}`, message: e.message })));
    throw await failed(`${parsed.invalid.length} thread group(s) do not make a valid scenario: ${parsed.invalid.map((i) => i.threadGroup).join(", ")}`, { ...parsed.report, invalid: parsed.invalid }, issues);
  }
  if (parsed.scenarios.length === 0) throw await failed("the plan has no Thread Group", parsed.report);

  // Validate every scenario with its final module before writing anything.
  const planned: { module: string; definition: TScenario }[] = [];
  for (const s of parsed.scenarios) {
    const moduleName = owner?.name ?? s.module ?? s.name;
    const v = validateScenario({ ...s, module: moduleName });
    if (!v.ok) throw await failed(`scenario ${s.name}: ${v.errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, parsed.report);
    planned.push({ module: moduleName, definition: v.scenario });
  }

  const created = await prisma.$transaction(async (tx) => {
    const moduleIds = new Map<string, string>();
    const out: { id: string; name: string; module: string }[] = [];
    for (const p of planned) {
      let moduleId = owner && owner.name === p.module ? owner.id : moduleIds.get(p.module);
      if (!moduleId) {
        const m = await tx.module.upsert({ where: { name: p.module }, create: { name: p.module }, update: {}, select: { id: true } });
        moduleId = m.id;
        moduleIds.set(p.module, moduleId);
      }
      const taken = new Set((await tx.scenario.findMany({ where: { moduleId }, select: { name: true } })).map((r) => r.name));
      let name = p.definition.name;
      for (let n = 1; taken.has(name); n++) name = `${p.definition.name} (imported${n > 1 ? ` ${n}` : ""})`;
      const definition = { ...p.definition, name };
      const row = await tx.scenario.create({ data: { moduleId, name, definition: definition as unknown as Prisma.InputJsonValue }, select: { id: true } });
      out.push({ id: row.id, name, module: p.module });
    }
    const imp = await tx.import.create({
      data: {
        kind: "jmx",
        fileName,
        status: "completed",
        bytesTotal: bytes,
        bytesRead: bytes,
        finishedAt: new Date(),
        report: { ...parsed.report, scenarios: out } as unknown as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return { importId: imp.id, out };
  });
  return { importId: created.importId, scenarioIds: created.out.map((s) => s.id), scenarios: created.out, report: parsed.report };
}

/** A JMX import that failed on the plan's content: 400 with the failed Import's id. */
export class JmxImportFailed extends AppError {
  constructor(
    message: string,
    readonly importId: string,
    issues: { path: string; message: string }[] = [],
  ) {
    super(AppErrorCode.INVALID_INPUT, message, issues);
  }
}
