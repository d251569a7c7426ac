/**
 * Text for Prisma's `contains` / `startsWith` / `endsWith`, which become SQL LIKE/ILIKE patterns
 * without escaping: a search for `%` would match every row and `_` any one character. PostgreSQL's
 * default LIKE escape character is `\`, so it escapes itself and both wildcards.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
