"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import type { TActionResult } from "@/app/_lib/action-result";
import { ZRunOverrides } from "@/lib/engine/scenario";
import { getActor } from "@/lib/auth/get-actor";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { createScenario } from "@/lib/scenarios/create-scenario";
import { deleteScenario } from "@/lib/scenarios/delete-scenario";
import { duplicateScenario } from "@/lib/scenarios/duplicate-scenario";
import { updateScenario } from "@/lib/scenarios/update-scenario";

/*
 * Thin server actions (parse → one lib call → revalidate → { data } | { error, issues }).
 * The lib functions validate the document with the engine's schema; their issue paths are the
 * document's dotted paths, which the editor shows next to its fields.
 */

type TSaved = { id: string; version: number };

export async function createScenarioAction(moduleId: string, definition: unknown): Promise<TActionResult<TSaved>> {
  try {
    const row = await createScenario({ moduleId: String(moduleId), definition });
    revalidatePath("/scenarios");
    return { data: { id: row.id, version: row.version } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function updateScenarioAction(
  id: string,
  moduleId: string,
  expectedVersion: number,
  definition: unknown,
): Promise<TActionResult<TSaved>> {
  try {
    const row = await updateScenario(String(id), { moduleId: String(moduleId), expectedVersion: Number(expectedVersion), definition });
    revalidatePath("/scenarios");
    revalidatePath(`/scenarios/${row.id}`);
    return { data: { id: row.id, version: row.version } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function duplicateScenarioAction(id: string): Promise<TActionResult<{ id: string; name: string }>> {
  try {
    const row = await duplicateScenario(String(id));
    revalidatePath("/scenarios");
    return { data: row };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteScenarioAction(id: string): Promise<TActionResult<{ id: string }>> {
  try {
    await deleteScenario(String(id));
    revalidatePath("/scenarios");
    return { data: { id: String(id) } };
  } catch (error) {
    return toActionError(error);
  }
}

/** One run of the given scenarios with per-run overrides (validated with the engine's ZRunOverrides). */
export async function launchRunAction(scenarioIds: string[], overrides: unknown, agents?: unknown): Promise<TActionResult<{ id: string }>> {
  const parsed = ZRunOverrides.safeParse(overrides ?? {});
  if (!parsed.success) {
    const t = await getTranslations("scenarios.launch");
    return { error: t("invalid"), issues: toFieldIssues(parsed.error.issues) };
  }
  try {
    const hasOverrides = Object.keys(parsed.data).length > 0;
    const run = await enqueueRun(
      {
        scenarioIds: Array.isArray(scenarioIds) ? scenarioIds.map(String) : [],
        ...(hasOverrides ? { overrides: parsed.data } : {}),
        // Checked by enqueueRun (ZAgentSelection): a bad selection is a field issue on `agents`.
        ...(agents !== undefined ? { agents: agents as never } : {}),
      },
      { actor: await getActor() },
    );
    revalidatePath("/runs");
    return { data: { id: run.id } };
  } catch (error) {
    return toActionError(error);
  }
}

async function toActionError(error: unknown): Promise<{ error: string; issues: { path: string; message: string }[] }> {
  const t = await getTranslations("scenarios.errors");
  if (error instanceof ZodError) return { error: t("invalid"), issues: toFieldIssues(error.issues) };
  if (AppError.is(error, AppErrorCode.INVALID_INPUT)) return { error: t("invalid"), issues: error.issues };
  if (AppError.is(error, AppErrorCode.ALREADY_EXISTS))
    return { error: t("duplicateName"), issues: [{ path: "name", message: t("duplicateName") }] };
  if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("notFound"), issues: [] };
  if (AppError.is(error, AppErrorCode.CONFLICT)) return { error: t("conflict"), issues: [] };
  console.error("[scenarios] action failed", error);
  const common = await getTranslations("common");
  return { error: common("unexpectedError"), issues: [] };
}
