import type { ZodError } from "zod";
import type { TFieldIssue } from "@/lib/errors";

/**
 * What every server action returns: `{ data }` on success, else a message for the form's top
 * and per-field issues ("name" → message) to show under the fields. Never throws for bad input.
 */
export type TActionResult<T> = { data: T } | { error: string; issues: TFieldIssue[] };

export function isActionError<T>(result: TActionResult<T>): result is { error: string; issues: TFieldIssue[] } {
  return "error" in result;
}

/** Translator subset we need: next-intl's `t` scoped to a `validation` namespace. */
export interface TIssueTranslator {
  (key: string): string;
  has(key: string): boolean;
}

/**
 * zod issues → field issues in the user's language. Looks up `<path>.<code>` (e.g. "name.too_small")
 * in the given namespace; falls back to the schema's English message.
 */
export function localizeZodIssues(error: ZodError, t: TIssueTranslator): TFieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const key = `${path}.${issue.code}`;
    return { path, message: path && t.has(key) ? t(key) : issue.message };
  });
}

/** Issues grouped by field (first message wins), for forms. */
export function issuesByField(issues: readonly TFieldIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path] ??= issue.message;
  return out;
}
