import { AppError, AppErrorCode } from "@/lib/errors";
import { findUnstorableText } from "@/lib/security/storable-text";

/**
 * How deep a scenario document may nest (objects and arrays). Prisma's query engine refuses JSON
 * nested about 128 levels deep ("recursion limit exceeded", a 500 before this check); each loop,
 * if or choose adds three levels ({ loop: { steps: [ … ] } }), so 64 allows some twenty nested
 * containers — far past any real scenario — with room to spare under the engine's limit.
 */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * Throws AppError(INVALID_INPUT) with the path when the document cannot be stored: nested deeper
 * than MAX_DOCUMENT_DEPTH, or text PostgreSQL refuses (a NUL character or an unpaired surrogate,
 * which YAML's "\0" and "\ud800" escapes and JSON's "\u0000" produce). Runs before any other
 * validation, so a hostile document never reaches the recursive schema walk either.
 */
export function assertStorableDocument(definition: unknown): void {
  const deep = findTooDeep(definition, MAX_DOCUMENT_DEPTH);
  if (deep !== null) {
    const message = `The scenario is nested more than ${MAX_DOCUMENT_DEPTH} levels deep (objects and lists); flatten it.`;
    throw new AppError(AppErrorCode.INVALID_INPUT, message, [{ path: deep, message }]);
  }
  const bad = findUnstorableText(definition);
  if (bad !== null) {
    const message = "Contains a NUL character or invalid Unicode (an unpaired surrogate), which cannot be stored.";
    throw new AppError(AppErrorCode.INVALID_INPUT, `${bad ? `${bad}: ` : ""}${message}`, [{ path: bad, message }]);
  }
}

/** The dotted path of the first object or list deeper than `max`, or null. Iterative: no stack to exhaust. */
export function findTooDeep(value: unknown, max: number): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= max) return item.path;
    const entries = Array.isArray(item.value) ? item.value.map((v, i) => [String(i), v] as const) : Object.entries(item.value);
    for (const [key, child] of entries) stack.push({ value: child, path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
  }
  return null;
}
