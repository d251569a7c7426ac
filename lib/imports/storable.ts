const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text PostgreSQL can store: no NUL, no unpaired surrogate (file names and messages come from uploads). */
export function storable(text: string, max = 2000): string {
  return text
    .replace(/\u0000/g, "")
    .replace(LONE_SURROGATE, "\ufffd")
    .slice(0, max);
}

/** A JSON value PostgreSQL can store: every string made storable (plan text, file content quoted in an error). */
export function storableJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (typeof v === "string" ? storable(v, Number.MAX_SAFE_INTEGER) : v));
}
