"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { localizeZodIssues, type TActionResult } from "@/app/_lib/action-result";
import { getActor } from "@/lib/auth/get-actor";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createSchedule } from "@/lib/schedules/create-schedule";
import { deleteSchedule } from "@/lib/schedules/delete-schedule";
import { updateSchedule } from "@/lib/schedules/update-schedule";

type TScheduleRef = { id: string; name: string };

/** Thin server actions: the lib function parses (zod) and writes; we revalidate and translate errors. */
export async function createScheduleAction(input: unknown): Promise<TActionResult<TScheduleRef>> {
  try {
    const row = await createSchedule(input, await getActor());
    revalidatePath("/schedules");
    return { data: { id: row.id, name: row.name } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function updateScheduleAction(id: string, input: unknown): Promise<TActionResult<TScheduleRef>> {
  try {
    const row = await updateSchedule(String(id), input, await getActor());
    revalidatePath("/schedules");
    return { data: { id: row.id, name: row.name } };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteScheduleAction(id: string): Promise<TActionResult<TScheduleRef>> {
  try {
    const row = await deleteSchedule(String(id), await getActor());
    revalidatePath("/schedules");
    return { data: row };
  } catch (error) {
    return toActionError(error);
  }
}

async function toActionError(error: unknown): Promise<{ error: string; issues: { path: string; message: string }[] }> {
  const t = await getTranslations("schedules");
  if (error instanceof ZodError) {
    const tv = await getTranslations("schedules.validation");
    return { error: t("errors.invalid"), issues: localizeZodIssues(error, tv) };
  }
  if (AppError.is(error, AppErrorCode.ALREADY_EXISTS))
    return { error: t("errors.duplicate"), issues: [{ path: "name", message: t("errors.duplicate") }] };
  if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("errors.notFound"), issues: [] };
  if (AppError.is(error, AppErrorCode.INVALID_INPUT)) return { error: error.message, issues: error.issues };
  console.error("[schedules] action failed", error);
  const common = await getTranslations("common");
  return { error: common("unexpectedError"), issues: [] };
}
