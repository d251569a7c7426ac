/**
 * The shapes every JSON answer of app/api has (docs/api.md, "Conventions"): success is `{ data }`
 * (a paged list adds `nextCursor` beside it), failure is `{ error, code, issues }`. The response
 * schemas next to each domain's *.schema.ts describe what goes inside `data`; lib/http/api-contract.ts
 * puts them together per route for the OpenAPI document.
 */
import { z } from "zod";

/** A time as JSON carries it: Response.json turns a Date into its ISO 8601 string. */
export const ZIsoTime = z.string().describe("ISO 8601 time");

/** `{ data: T }`: the one success envelope. */
export function dataOf<T extends z.ZodType>(schema: T) {
  return z.strictObject({ data: schema });
}

/** `{ data: T[], nextCursor }`: a list paged by a cursor (pass nextCursor back; null: the last page). */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ data: z.array(item), nextCursor: z.string().nullable() });
}

export const ZFieldIssue = z.strictObject({ path: z.string(), message: z.string() });

/**
 * Every 4xx/5xx JSON answer. The proxy's 401/403 carry `{ error }` only; the import routes add the
 * failed Import's id (`importId`) so the client can open its record.
 */
export const ZErrorBody = z.looseObject({
  error: z.string(),
  code: z.string().optional(),
  issues: z.array(ZFieldIssue).optional(),
  importId: z.string().optional(),
});
