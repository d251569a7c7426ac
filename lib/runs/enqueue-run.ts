/**
 * Queue a run of one or more scenarios. Freezes a copy of every scenario (document + version,
 * `module` set to the module's current name) so later edits never change what ran, then NOTIFYs
 * the workers (channel RUN_QUEUE_CHANNEL) — they also poll, so a lost notification only delays.
 * Launch parameters (`variables`, and `overrides.variables`) are stored with the overrides; a
 * required one (`${__P(name)}` without default) missing → INVALID_INPUT naming it, nothing stored.
 */
import { prisma, Prisma } from "@/lib/db/client";
import type { TRunOverrides, TScenario, TThreshold } from "@/lib/engine/scenario";
import { recordAudit } from "@/lib/audit/record-audit";
import type { TActor } from "@/lib/auth/actor";
import { scenarioEnv } from "@/lib/env";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { assertRunTargetsAllowed } from "@/lib/security/assert-targets-allowed";
import { missingLaunchParameters } from "./launch-parameters";
import { createRunAgents, planRunAgents } from "@/lib/agents/plan-run-agents";
import { ZEnqueueRunInput, type TEnqueueRunInput, type TFrozenScenario } from "./run.schema";

export const RUN_QUEUE_CHANNEL = "musterpoint_run_queued";

export interface TEnqueueRunOptions {
  /**
   * Who starts it, passed by the caller (the API route and the server action: the signed-in actor;
   * the schedule loop: the schedule's creator). Never read from ambient request state, so the same
   * call means the same thing in a route, an action, the worker or a test; absent: nobody (null).
   */
  actor?: TActor | null;
  /** The schedule that started it (Run.scheduleId). */
  scheduleId?: string;
  /** Runs inside the run's transaction after its insert; a throw rolls the run back (a schedule's fire claim). */
  inTransaction?: (tx: Prisma.TransactionClient, runId: string) => Promise<void>;
}

export async function enqueueRun(input: TEnqueueRunInput, options: TEnqueueRunOptions = {}): Promise<{ id: string; status: "queued" }> {
  const parsed = ZEnqueueRunInput.safeParse(input);
  if (!parsed.success) throw new AppError(AppErrorCode.INVALID_INPUT, "invalid run", toFieldIssues(parsed.error.issues));
  const q = parsed.data;
  const ids = [...new Set(q.scenarioIds)];
  const rows = await prisma.scenario.findMany({ where: { id: { in: ids } }, include: { module: { select: { name: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = ids.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
  if (missing.length)
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      "unknown scenario",
      missing.map(({ i }) => ({ path: `scenarioIds.${i}`, message: "no scenario with this id" })),
    );
  const frozen: TFrozenScenario[] = ids.map((id) => {
    const r = byId.get(id)!;
    return {
      scenarioId: r.id,
      version: r.version,
      moduleId: r.moduleId,
      definition: { ...(r.definition as unknown as TScenario), module: r.module.name },
    };
  });
  // Top-level `variables` (the API's field) win over `overrides.variables` of the same name.
  const variables = q.variables || q.overrides?.variables ? { ...q.overrides?.variables, ...q.variables } : undefined;
  const overrides = variables ? { ...q.overrides, variables } : q.overrides;
  const unset = missingLaunchParameters(
    frozen.map((f) => f.definition),
    variables,
  );
  if (unset.length)
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      unset[0]!.message,
      unset.map((m) => ({ path: `variables.${m.name}`, message: m.message })),
    );
  // Launch-time target check (names resolved: no DNS-rebinding bypass), templated targets filled
  // in with the launch parameters and the `__env` values runs get; the worker checks again.
  await assertRunTargetsAllowed(
    frozen.map((f) => f.definition),
    undefined,
    { env: scenarioEnv(), ...(variables ? { params: variables } : {}) },
  );
  const agentPlan = q.agents
    ? await planRunAgents(
        q.agents,
        frozen.map((f) => f.definition),
        overrides as TRunOverrides | undefined,
      )
    : [];
  // Who started it comes from the caller (the authenticated request, the schedule), never from the body.
  const actor = options.actor ?? null;
  const thresholds: TThreshold[] = [...frozen.flatMap((f) => f.definition.thresholds ?? []), ...(q.thresholds ?? [])];
  const run = await prisma.$transaction(async (tx) => {
    const created = await tx.run.create({
      data: {
        name: q.name ?? frozen.map((f) => f.definition.name).join(" + "),
        scenarios: frozen as unknown as Prisma.InputJsonValue,
        overrides: overrides ? (overrides as Prisma.InputJsonValue) : Prisma.JsonNull,
        thresholds: thresholds.length ? (thresholds as unknown as Prisma.InputJsonValue) : Prisma.JsonNull,
        startedById: actor?.id ?? null,
        startedByName: actor?.name ?? null,
        scheduleId: options.scheduleId ?? null,
        runScenarios: { create: frozen.map((f, position) => ({ scenarioId: f.scenarioId, version: f.version, position })) },
      },
      select: { id: true },
    });
    await createRunAgents(tx, created.id, agentPlan);
    await options.inTransaction?.(tx, created.id);
    await tx.$executeRaw`SELECT pg_notify(${RUN_QUEUE_CHANNEL}, ${created.id})`;
    return created;
  });
  await recordAudit({
    action: "run.start",
    targetType: "run",
    targetId: run.id,
    details: { scenarioIds: ids, overrides: overrides ?? null },
    actor,
  });
  return { id: run.id, status: "queued" };
}
