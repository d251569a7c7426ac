"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { localizeZodIssues, type TActionResult } from "@/app/_lib/action-result";
import { AppError, AppErrorCode } from "@/lib/errors";
import { addReportRuns } from "@/lib/reports/add-report-runs";
import { compareReport, type TComparison } from "@/lib/reports/compare-report";
import { createObservation } from "@/lib/reports/create-observation";
import { createReport } from "@/lib/reports/create-report";
import { createSlowRow } from "@/lib/reports/create-slow-row";
import { deleteSlowRow } from "@/lib/reports/delete-slow-row";
import { deleteObservation } from "@/lib/reports/delete-observation";
import { deleteReport } from "@/lib/reports/delete-report";
import { markReportReady } from "@/lib/reports/mark-report-ready";
import { removeReportRun } from "@/lib/reports/remove-report-run";
import type { TReportManualSlowRow, TReportObservation } from "@/lib/reports/report.types";
import { updateObservation } from "@/lib/reports/update-observation";
import { updateReport } from "@/lib/reports/update-report";
import { updateSlowRow } from "@/lib/reports/update-slow-row";
import { createShareLink } from "@/lib/share/create-share-link";
import { findShareLinks } from "@/lib/share/find-share-links";
import { revokeShareLink } from "@/lib/share/revoke-share-link";

/** Thin server actions of the report pages: parse in lib → one call → revalidate → { data } | { error }. */

type TResult<T> = Promise<TActionResult<T>>;

async function run<T>(work: () => Promise<T>, reportId?: string): TResult<T> {
  try {
    const data = await work();
    revalidatePath("/reports");
    if (reportId) revalidatePath(`/reports/${reportId}`);
    return { data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createReportAction(input: unknown): TResult<{ id: string }> {
  return run(async () => ({ id: (await createReport(input)).id }));
}

export async function updateReportAction(reportId: string, input: unknown): TResult<{ id: string }> {
  return run(async () => ({ id: (await updateReport(String(reportId), input)).id }), reportId);
}

/** "Mark ready": sets readyAt and notifies the report.ready webhooks once. */
export async function markReportReadyAction(reportId: string): TResult<{ readyAt: string }> {
  return run(() => markReportReady(String(reportId)), reportId);
}

export async function deleteReportAction(reportId: string): TResult<{ id: string }> {
  return run(async () => {
    await deleteReport(String(reportId));
    return { id: reportId };
  });
}

export async function addReportRunsAction(reportId: string, runIds: string[]): TResult<{ added: string[] }> {
  return run(() => addReportRuns(String(reportId), { runIds }), reportId);
}

export async function removeReportRunAction(reportId: string, runId: string): TResult<{ id: string }> {
  return run(async () => {
    await removeReportRun(String(reportId), String(runId));
    return { id: runId };
  }, reportId);
}

export async function createObservationAction(reportId: string, input: unknown): TResult<TReportObservation> {
  return run(() => createObservation(String(reportId), input), reportId);
}

export async function updateObservationAction(reportId: string, id: string, input: unknown): TResult<TReportObservation> {
  return run(() => updateObservation(String(reportId), String(id), input), reportId);
}

export async function deleteObservationAction(reportId: string, id: string): TResult<{ id: string }> {
  return run(async () => {
    await deleteObservation(String(reportId), String(id));
    return { id };
  }, reportId);
}

export async function compareAction(reportId: string, baseline: { reportId: string } | { runId: string }): TResult<TComparison> {
  try {
    const target = "reportId" in baseline ? { reportId: String(baseline.reportId) } : { runId: String(baseline.runId) };
    return { data: await compareReport({ reportId: String(reportId) }, target) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function createSlowRowAction(reportId: string, input: unknown): TResult<TReportManualSlowRow> {
  return run(() => createSlowRow(String(reportId), input), reportId);
}

export async function updateSlowRowAction(reportId: string, id: string, input: unknown): TResult<TReportManualSlowRow> {
  return run(() => updateSlowRow(String(reportId), String(id), input), reportId);
}

export async function deleteSlowRowAction(reportId: string, id: string): TResult<{ id: string }> {
  return run(async () => {
    await deleteSlowRow(String(reportId), String(id));
    return { id };
  }, reportId);
}

/** The token is in the returned path once; the client turns it into a full URL with its origin. */
export async function createShareLinkAction(reportId: string, expiresInDays: number): TResult<{ path: string }> {
  return run(async () => ({ path: (await createShareLink({ reportId: String(reportId), expiresInDays })).path }), reportId);
}

export async function revokeShareLinkAction(reportId: string, linkId: string): TResult<{ id: string }> {
  return run(async () => {
    const links = await findShareLinks(String(reportId));
    if (!links.some((l) => l.id === linkId)) throw new AppError(AppErrorCode.NOT_FOUND, "Share link not found.");
    return { id: (await revokeShareLink(String(linkId))).id };
  }, reportId);
}

async function toActionError(error: unknown): Promise<{ error: string; issues: { path: string; message: string }[] }> {
  const t = await getTranslations("reports");
  if (error instanceof ZodError) {
    const tv = await getTranslations("reports.validation");
    const issues = localizeZodIssues(error, tv);
    return { error: issues[0]?.message ?? t("errors.invalid"), issues };
  }
  if (AppError.is(error, AppErrorCode.NOT_FOUND)) return { error: t("errors.notFound"), issues: error.issues };
  if (error instanceof AppError && error.status < 500) return { error: error.message, issues: error.issues };
  console.error("[reports] action failed", error);
  const common = await getTranslations("common");
  return { error: common("unexpectedError"), issues: [] };
}
