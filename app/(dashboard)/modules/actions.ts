"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { createModule } from "@/lib/modules/create-module";
import { deleteModule } from "@/lib/modules/delete-module";
import { updateModule } from "@/lib/modules/update-module";
import { localizeZodIssues, type TActionResult } from "@/app/_lib/action-result";

type TModuleRef = { id: string; name: string };

/** Thin server actions: the lib function parses (zod) and writes; we revalidate and translate errors. */
export async function createModuleAction(input: unknown): Promise<TActionResult<TModuleRef>> {
  try {
    const row = await createModule(input);
    revalidatePath("/modules");
    return { data: { id: row.id, name: row.name } };
  } catch (error) {
    return toActionError(error, input);
  }
}

export async function updateModuleAction(id: string, input: unknown): Promise<TActionResult<TModuleRef>> {
  try {
    const row = await updateModule(String(id), input);
    revalidatePath("/modules");
    revalidatePath(`/modules/${row.id}`);
    return { data: { id: row.id, name: row.name } };
  } catch (error) {
    return toActionError(error, input);
  }
}

export async function deleteModuleAction(id: string): Promise<TActionResult<TModuleRef>> {
  try {
    const row = await deleteModule(String(id));
    revalidatePath("/modules");
    return { data: row };
  } catch (error) {
    return toActionError(error, undefined);
  }
}

async function toActionError(error: unknown, input: unknown): Promise<{ error: string; issues: { path: string; message: string }[] }> {
  const t = await getTranslations("modules");
  if (error instanceof ZodError) {
    const tv = await getTranslations("modules.validation");
    return { error: t("errors.invalid"), issues: localizeZodIssues(error, tv) };
  }
  if (AppError.is(error, AppErrorCode.ALREADY_EXISTS)) {
    const message = t("errors.duplicate", { name: nameOf(input) });
    return { error: message, issues: [{ path: "name", message }] };
  }
  if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("errors.notFound"), issues: [] };
  if (AppError.is(error, AppErrorCode.CONFLICT)) return { error: t("errors.hasScenarios"), issues: [] };
  console.error("[modules] action failed", error);
  const common = await getTranslations("common");
  return { error: common("unexpectedError"), issues: [] };
}

function nameOf(input: unknown): string {
  const name = (input as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name.trim() : "";
}
