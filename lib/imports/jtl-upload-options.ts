/**
 * The options of a JTL upload (multipart text fields, all optional) → importJtlFile's input.
 * Fields: module (one module for the file), moduleMapping ("threadGroup" | "fixed"), roundId,
 * fields (comma list, header-less CSV), delimiter ("," ";" "\t" "tab" "|"), timestampFormat,
 * utcOffsetMinutes, transactionsInTotals ("true" | "false"), name (run name).
 */
import { z } from "zod";
import { AppError, AppErrorCode, toFieldIssues } from "../errors";
import type { TImportJtlFileInput } from "./import-jtl-file";

/** Upload limit for JTL files; JTL_IMPORT_MAX_BYTES overrides it (bytes). */
export const DEFAULT_JTL_MAX_BYTES = 10 * 1024 ** 3;
export function jtlMaxBytes(): number {
  const v = Number(process.env.JTL_IMPORT_MAX_BYTES);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_JTL_MAX_BYTES;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(t: T) => z.preprocess(blankToUndefined, t.optional());

export const ZJtlUploadFields = z
  .object({
    module: opt(z.string().trim().min(1).max(200)),
    moduleMapping: opt(z.enum(["threadGroup", "fixed"])),
    roundId: opt(z.string().trim().min(1).max(100)),
    fields: opt(z.string().max(2000)),
    delimiter: opt(z.string().max(3)),
    timestampFormat: opt(z.string().trim().min(1).max(100)),
    utcOffsetMinutes: opt(z.coerce.number().int().min(-900).max(900)),
    transactionsInTotals: opt(z.enum(["true", "false"])),
    name: opt(z.string().trim().min(1).max(200)),
  })
  .refine((f) => f.moduleMapping !== "fixed" || f.module, { message: "give the module name for a fixed module mapping", path: ["module"] });

export function jtlOptionsFromFields(raw: Record<string, string>, fileName: string): TImportJtlFileInput {
  const parsed = ZJtlUploadFields.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    throw new AppError(AppErrorCode.INVALID_INPUT, `${issues[0]?.path ? `${issues[0].path}: ` : ""}${issues[0]?.message ?? "invalid options"}`, issues);
  }
  const f = parsed.data;
  const delimiter = f.delimiter === "tab" || f.delimiter === "\\t" ? "\t" : f.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new AppError(AppErrorCode.INVALID_INPUT, "delimiter: one character (or \"tab\")", [{ path: "delimiter", message: "one character" }]);
  const fields = f.fields?.split(",").map((s) => s.trim()).filter(Boolean);
  return {
    fileName,
    ...(f.module ? { modules: { by: "fixed" as const, module: f.module } } : { modules: { by: "threadGroup" as const } }),
    ...(fields?.length ? { fields } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(f.timestampFormat ? { timestampFormat: f.timestampFormat } : {}),
    ...(f.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: f.utcOffsetMinutes } : {}),
    ...(f.transactionsInTotals ? { transactionsInTotals: f.transactionsInTotals === "true" } : {}),
    ...(f.roundId ? { roundId: f.roundId } : {}),
    ...(f.name ? { runName: f.name } : {}),
  };
}
