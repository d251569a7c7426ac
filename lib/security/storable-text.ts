/** An unpaired UTF-16 surrogate: valid in a JS string, not storable as UTF-8 (PostgreSQL refuses it). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableString(value: string): boolean {
  return !value.includes("\u0000") && !LONE_SURROGATE.test(value);
}

/**
 * The dotted path of the first string (or object key) PostgreSQL cannot store — a NUL character or
 * an unpaired surrogate such as JSON's "\ud800" — or null when everything is storable. Parsed
 * request bodies go through this so such input is a 400, not a database error (500).
 */
export function findUnstorableText(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isStorableString(value) ? null : path;
  if (depth > 200 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const here = path ? `${path}.${key}` : key;
    if (!isStorableString(key)) return here;
    const found = findUnstorableText(item, here, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
