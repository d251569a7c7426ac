"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { localizeZodIssues, type TActionResult } from "@/app/_lib/action-result";
import { getActor } from "@/lib/auth/get-actor";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createProblem } from "@/lib/problems/create-problem";
import { getProblem } from "@/lib/problems/get-problem";
import type { TProblemDetail, TProblemRow } from "@/lib/problems/problem.types";
import { updateProblem } from "@/lib/problems/update-problem";

/** Thin server actions of the Problems page and the report's problem section. */

function revalidate() {
  revalidatePath("/problems");
  // Carry-over: any report may list the problem.
  revalidatePath("/reports", "layout");
}

export async function createProblemAction(input: unknown): Promise<TActionResult<TProblemRow>> {
  try {
    const row = await createProblem(input, (await getActor())?.name);
    revalidate();
    return { data: row };
  } catch (error) {
    return toActionError(error);
  }
}

/** Edit, or change status with a note (the note goes into the dated history). */
export async function updateProblemAction(id: string, input: unknown): Promise<TActionResult<TProblemRow>> {
  try {
    const row = await updateProblem(String(id), input, (await getActor())?.name);
    revalidate();
    return { data: row };
  } catch (error) {
    return toActionError(error);
  }
}

export async function getProblemAction(id: string): Promise<TActionResult<TProblemDetail>> {
  try {
    return { data: await getProblem(String(id)) };
  } catch (error) {
    return toActionError(error);
  }
}

async function toActionError(error: unknown): Promise<{ error: string; issues: { path: string; message: string }[] }> {
  const t = await getTranslations("problems");
  if (error instanceof ZodError) {
    const issues = localizeZodIssues(error, await getTranslations("problems.validation"));
    return { error: issues[0]?.message ?? t("errors.invalid"), issues };
  }
  if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("errors.notFound"), issues: [] };
  if (error instanceof AppError && error.status < 500) return { error: error.message, issues: error.issues };
  console.error("[problems] action failed", error);
  return { error: (await getTranslations("common"))("unexpectedError"), issues: [] };
}
