import { prisma } from "@/lib/db/client";
import type { TRunOverrides } from "@/lib/engine/scenario";
import { AppError, AppErrorCode } from "@/lib/errors";
import { thresholdsPassed, type TThresholdResult } from "@/lib/engine/thresholds";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import { maskLaunchVariables } from "./launch-parameters";
import { decodeRunError } from "./run-error-codes";
import type { TFrozenScenario } from "./run.schema";

export type TRunStatus = "queued" | "running" | "completed" | "cancelled" | "failed" | "interrupted";

/** A run's status and timestamps (GET /api/runs/:id). */
export interface TRunRecord {
  id: string;
  name: string;
  status: TRunStatus;
  source: "engine" | "jmeter_jtl" | "jmeter_log";
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  cancelRequestedAt: Date | null;
  heartbeatAt: Date | null;
  workerId: string | null;
  /** Why it failed or was interrupted, in English (Run.error without its codes). */
  error: string | null;
  /** The same by code (lib/runs/run-error-codes.ts), for the UI's languages; null for a run stored before codes. */
  errorParts: TCodedMessage[] | null;
  scenarios: { scenarioId: string; version: number; moduleId: string; name: string; module: string }[];
  /** As launched; launch parameters whose name looks like a secret have their value masked. */
  overrides: TRunOverrides | null;
  thresholdResults: TThresholdResult[] | null;
  /** thresholdsPassed(): null without thresholds (or before they were evaluated), else whether every one passed. */
  thresholdsPassed: boolean | null;
  startedByName: string | null;
}

export async function getRunById(id: string): Promise<TRunRecord> {
  // Everything but the (large) summary JSON.
  const r = await prisma.run.findUnique({
    where: { id },
    select: {
      id: true,
      name: true,
      status: true,
      source: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
      cancelRequestedAt: true,
      heartbeatAt: true,
      workerId: true,
      error: true,
      scenarios: true,
      overrides: true,
      thresholdResults: true,
      startedByName: true,
    },
  });
  if (!r) throw new AppError(AppErrorCode.NOT_FOUND, "run not found");
  return toRunRecord({ ...r, scenarios: r.scenarios as unknown as TRunRecordRow["scenarios"] });
}

/** The columns getRunById reads; of each frozen scenario only what the record shows (lib/runs/get-run-results.ts reads them with SQL). */
export interface TRunRecordRow extends Omit<
  TRunRecord,
  "scenarios" | "overrides" | "thresholdResults" | "thresholdsPassed" | "errorParts"
> {
  scenarios:
    | (Pick<TFrozenScenario, "scenarioId" | "version" | "moduleId"> & {
        definition: Pick<TFrozenScenario["definition"], "name" | "module">;
      })[]
    | null;
  overrides: unknown;
  thresholdResults: unknown;
}

export function toRunRecord(r: TRunRecordRow): TRunRecord {
  const scenarios = r.scenarios ?? [];
  const thresholdResults = (r.thresholdResults as unknown as TThresholdResult[] | null) ?? null;
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    source: r.source,
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    cancelRequestedAt: r.cancelRequestedAt,
    heartbeatAt: r.heartbeatAt,
    workerId: r.workerId,
    ...decodeRunError(r.error),
    scenarios: scenarios.map((s) => ({
      scenarioId: s.scenarioId,
      version: s.version,
      moduleId: s.moduleId,
      name: s.definition.name,
      module: s.definition.module ?? s.definition.name,
    })),
    overrides: displayOverrides(r.overrides as TRunOverrides | null),
    thresholdResults,
    thresholdsPassed: thresholdsPassed(thresholdResults),
    startedByName: r.startedByName,
  };
}

/** The worker reads the Run row itself; everything that reads this record only shows it. */
function displayOverrides(overrides: TRunOverrides | null): TRunOverrides | null {
  if (!overrides) return null;
  return overrides.variables ? { ...overrides, variables: maskLaunchVariables(overrides.variables) } : overrides;
}
