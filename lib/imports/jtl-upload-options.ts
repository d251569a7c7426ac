/**
 * The options of a JTL upload (multipart text fields, all optional) → importJtlFile's input.
 * Fields: module (one module for the file), moduleMapping ("threadGroup" | "fixed" | "label"),
 * moduleRules (label rules: one `regex => module` per line, or JSON [{ pattern, module }]; first
 * match wins; `module` is then the fallback), reportId (the daily report to add the run to;
 * `roundId` is its deprecated alias),
 * fields (comma list, header-less CSV), delimiter ("," ";" "\t" "tab" "|"), timestampFormat,
 * utcOffsetMinutes, transactionsInTotals ("true" | "false"), name (run name).
 */
import { z } from "zod";
import { AppError, AppErrorCode, toFieldIssues } from "@/lib/errors";
import type { TImportJtlFileInput } from "./import-jtl-file";
import { getEnv } from "@/lib/env";

/** Upload limit for JTL files; JTL_IMPORT_MAX_BYTES overrides it (bytes). */
export const DEFAULT_JTL_MAX_BYTES = 10 * 1024 ** 3;
export function jtlMaxBytes(): number {
  return getEnv().JTL_IMPORT_MAX_BYTES ?? DEFAULT_JTL_MAX_BYTES;
}

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const opt = <T extends z.ZodType>(t: T) => z.preprocess(blankToUndefined, t.optional());

export const ZJtlUploadFields = z
  .object({
    module: opt(z.string().trim().min(1).max(200)),
    moduleMapping: opt(z.enum(["threadGroup", "fixed", "label"])),
    moduleRules: opt(z.string().max(20_000)),
    reportId: opt(z.string().trim().min(1).max(100)),
    /** Deprecated alias of reportId (the API's name before #16). */
    roundId: opt(z.string().trim().min(1).max(100)),
    fields: opt(z.string().max(2000)),
    delimiter: opt(z.string().max(3)),
    timestampFormat: opt(z.string().trim().min(1).max(100)),
    utcOffsetMinutes: opt(z.coerce.number().int().min(-900).max(900)),
    transactionsInTotals: opt(z.enum(["true", "false"])),
    name: opt(z.string().trim().min(1).max(200)),
  })
  .refine((f) => f.moduleMapping !== "fixed" || f.module, { message: "give the module name for a fixed module mapping", path: ["module"] })
  .refine((f) => f.moduleMapping !== "label" || f.moduleRules, {
    message: "give the label rules (one `regex => module` per line)",
    path: ["moduleRules"],
  });

/** `regex => module` lines or a JSON array → rules; a bad regex is a 400 naming the rule. */
export function parseModuleRules(text: string): { pattern: string; module: string }[] {
  let rules: { pattern: string; module: string }[];
  const bad = (message: string) => new AppError(AppErrorCode.INVALID_INPUT, `moduleRules: ${message}`, [{ path: "moduleRules", message }]);
  if (text.trim().startsWith("[")) {
    const parsed = z
      .array(z.object({ pattern: z.string().min(1).max(500), module: z.string().trim().min(1).max(200) }))
      .max(200)
      .safeParse(
        (() => {
          try {
            return JSON.parse(text) as unknown;
          } catch {
            return null;
          }
        })(),
      );
    if (!parsed.success) throw bad("expected a JSON array of { pattern, module }");
    rules = parsed.data;
  } else {
    rules = [];
    text.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim()) return;
      const at = line.lastIndexOf("=>");
      if (at < 0) throw bad(`line ${i + 1}: expected \`regex => module\``);
      const pattern = line.slice(0, at).trim();
      const target = line.slice(at + 2).trim();
      if (!pattern || !target) throw bad(`line ${i + 1}: expected \`regex => module\``);
      rules.push({ pattern, module: target });
    });
  }
  if (rules.length === 0) throw bad("no rule given");
  rules.forEach((r, i) => {
    try {
      new RegExp(r.pattern);
    } catch (error) {
      throw bad(`rule ${i + 1}: ${error instanceof Error ? error.message : "invalid regular expression"}`);
    }
  });
  return rules;
}

export function jtlOptionsFromFields(raw: Record<string, string>, fileName: string): TImportJtlFileInput {
  const parsed = ZJtlUploadFields.safeParse(raw);
  if (!parsed.success) {
    const issues = toFieldIssues(parsed.error.issues);
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      `${issues[0]?.path ? `${issues[0].path}: ` : ""}${issues[0]?.message ?? "invalid options"}`,
      issues,
    );
  }
  const f = parsed.data;
  const delimiter = f.delimiter === "tab" || f.delimiter === "\\t" ? "\t" : f.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new AppError(AppErrorCode.INVALID_INPUT, 'delimiter: one character (or "tab")', [
      { path: "delimiter", message: "one character" },
    ]);
  const fields = f.fields
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    fileName,
    modules:
      f.moduleMapping === "label"
        ? { by: "label" as const, rules: parseModuleRules(f.moduleRules ?? ""), ...(f.module ? { fallback: f.module } : {}) }
        : f.module
          ? { by: "fixed" as const, module: f.module }
          : { by: "threadGroup" as const },
    ...(fields?.length ? { fields } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(f.timestampFormat ? { timestampFormat: f.timestampFormat } : {}),
    ...(f.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: f.utcOffsetMinutes } : {}),
    ...(f.transactionsInTotals ? { transactionsInTotals: f.transactionsInTotals === "true" } : {}),
    ...(f.reportId || f.roundId ? { reportId: f.reportId ?? f.roundId } : {}),
    ...(f.name ? { runName: f.name } : {}),
  };
}
