"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import type { TActionResult } from "@/app/_lib/action-result";
import { AppError, AppErrorCode } from "@/lib/errors";
import { cancelRun } from "@/lib/runs/cancel-run";
import type { TRunStatus } from "@/lib/runs/get-run-by-id";

/* Thin server actions of the run page (parse → one lib call → revalidate → { data } | { error }). */

export async function cancelRunAction(runId: string): Promise<TActionResult<{ status: TRunStatus }>> {
  try {
    const run = await cancelRun(String(runId));
    revalidatePath("/runs");
    return { data: { status: run.status } };
  } catch (error) {
    const t = await getTranslations("runs.live");
    if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("notFound"), issues: [] };
    console.error("[runs] cancel failed", error);
    return { error: t("cancelFailed"), issues: [] };
  }
}
