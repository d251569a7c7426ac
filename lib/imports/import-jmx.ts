/**
 * A JMeter test plan (.jmx) → scenarios, one per Thread Group; the scenarios of the thread groups
 * that map are created together (one transaction), those that do not — or that aim at a target
 * the allow-list refuses — are listed in the report (`notImported`, `invalid`). A plan with none that maps, or one the importer cannot read for any
 * reason, leaves a failed Import with its message: an import never answers 500 for its content. Scenarios go into the module given, or into
 * the module named after their thread group (created when missing). A name already used in the
 * module gets " (imported)", " (imported 2)" … appended. The importer's report — elements with no
 * equivalent (skipped) or imported with a change (approximated), by element path and line — is
 * stored in Import.report and returned; a plan that cannot be read or yields an invalid scenario
 * leaves a failed Import with its reason.
 */
import { prisma, Prisma } from "@/lib/db/client";
import { validateScenario, type TScenario } from "@/lib/engine/scenario";
import { AppError, AppErrorCode } from "@/lib/errors";
import { importJmx, JmeterImportError, type TJmxImportReport } from "@/lib/jmeter";
import { checkScenarioTargets } from "@/lib/security/check-scenario-targets";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { importErrorEnglish, type TStoredImportError } from "@/lib/jmeter/import-error-codes";
import { ImportFailed } from "./import-error-fields";
// Plan text goes into JSON columns: storableJson strips what PostgreSQL cannot store (NUL, lone surrogates).
import { storable, storableJson } from "./storable";

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
  const failed = async (
    message: string,
    stored: TStoredImportError | null,
    report?: object,
    issues: { path: string; message: string }[] = [],
  ) => {
    // The reason's code goes into Import.report.error so the page words it in the reader's language.
    const withError = stored ? { ...report, error: stored } : report;
    const row = await prisma.import.create({
      data: {
        kind: "jmx",
        fileName,
        status: "failed",
        bytesTotal: bytes,
        bytesRead: bytes,
        error: storable(message),
        finishedAt: new Date(),
        ...(withError ? { report: storableJson(withError) as Prisma.InputJsonValue } : {}),
      },
      select: { id: true },
    });
    return new JmxImportFailed(message, stored, row.id, issues);
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
    // Whatever the plan does to the importer, the answer is a failed Import with the reason, never a 500.
    if (!(error instanceof JmeterImportError)) console.error("[imports] JMX import failed unexpectedly", error);
    throw await failed(
      error instanceof Error ? error.message : String(error),
      error instanceof JmeterImportError ? error.toStored() : null,
    );
  }
  const report: TJmxImportReport & { invalid?: typeof parsed.invalid } = {
    ...parsed.report,
    ...(parsed.invalid.length ? { invalid: parsed.invalid } : {}),
  };
  const issuesOf = (invalid: typeof parsed.invalid) =>
    invalid.flatMap((i) => i.errors.map((e) => ({ path: `${i.path}${e.path ? ` → ${e.path}` : ""}`, message: e.message })));

  // Validate every scenario with its final module before writing anything; one that fails is
  // reported like a thread group that did not map, and the others are still imported.
  // The same allow-list check scenario create and update apply: a thread group aimed at a target
  // the list does not allow is reported, not created (launch would refuse it anyway).
  const allowList = await getTargetAllowList();
  const planned: { module: string; definition: TScenario }[] = [];
  for (const s of parsed.scenarios) {
    const moduleName = owner?.name ?? s.module ?? s.name;
    let v: ReturnType<typeof validateScenario>;
    try {
      v = validateScenario({ ...s, module: moduleName });
    } catch (error) {
      v = { ok: false, errors: [{ path: "", message: `validation failed: ${error instanceof Error ? error.message : String(error)}` }] };
    }
    if (v.ok) {
      const targets = checkScenarioTargets(v.scenario, allowList);
      if (!targets.ok) v = { ok: false, errors: targets.refused.map((r) => ({ path: r.path, message: r.message })) };
    }
    if (v.ok) planned.push({ module: moduleName, definition: v.scenario });
    else {
      const entry = { threadGroup: s.name, path: s.name, errors: v.errors };
      report.invalid = [...(report.invalid ?? []), entry];
      report.notImported = [
        ...(report.notImported ?? []),
        { threadGroup: s.name, path: s.name, reason: v.errors.map((e) => `${e.path}: ${e.message}`).join("; ") },
      ];
    }
  }
  if (planned.length === 0) {
    const invalid = report.invalid ?? [];
    const stored: TStoredImportError = invalid.length
      ? { code: "jmx_no_valid_thread_group", params: { count: invalid.length, names: invalid.map((i) => i.threadGroup).join(", ") } }
      : { code: "jmx_no_thread_group", params: {} };
    throw await failed(importErrorEnglish(stored.code, stored.params as never), stored, report, issuesOf(invalid));
  }

  let created: { importId: string; out: { id: string; name: string; module: string }[] };
  try {
    created = await writeScenarios(planned, owner, fileName, bytes, report);
  } catch (error) {
    console.error("[imports] JMX import could not be stored", error);
    throw await failed(`the scenarios could not be stored: ${error instanceof Error ? error.message : String(error)}`, null, report);
  }
  return { importId: created.importId, scenarioIds: created.out.map((s) => s.id), scenarios: created.out, report };
}

async function writeScenarios(
  planned: { module: string; definition: TScenario }[],
  owner: { id: string; name: string } | null,
  fileName: string,
  bytes: bigint,
  report: TJmxImportReport,
): Promise<{ importId: string; out: { id: string; name: string; module: string }[] }> {
  return prisma.$transaction(async (tx) => {
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
      const row = await tx.scenario.create({
        data: { moduleId, name, definition: storableJson(definition) as Prisma.InputJsonValue },
        select: { id: true },
      });
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
        report: storableJson({ ...report, scenarios: out }) as Prisma.InputJsonValue,
      },
      select: { id: true },
    });
    return { importId: imp.id, out };
  });
}

/** A JMX import that failed on the plan's content: 400 with the failed Import's id. */
export class JmxImportFailed extends ImportFailed {
  constructor(
    message: string,
    stored: TStoredImportError | null,
    readonly importId: string,
    issues: { path: string; message: string }[] = [],
  ) {
    super(message, stored, importId, issues);
  }
}
