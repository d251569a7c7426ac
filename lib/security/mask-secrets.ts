/**
 * Masks secrets in what the UI shows and exports write: header values such as Authorization,
 * Cookie, X-Api-Key; password-, token-, secret-like fields of a scenario document; passwords in
 * URLs; password-like columns of inline CSV test data; the inline content of multipart files
 * (uploaded documents, often private); defaults of `${__P(name,default)}` and
 * `${__env(NAME,default)}` whose name looks like a secret. Containers are walked to any depth
 * (init, end, loop, if, choose … are plain JSON here). The stored scenario keeps the real values
 * (the engine needs them); masking is for display and export only.
 */
import { isCredentialHeader } from "../engine/credential-headers";

export const MASK = "••••••";

/** Field and column names whose values are credentials. */
const SECRET_FIELD = /pass(word)?|passwd|pwd|secret|token|api[-_]?key|credential|private[-_]?key|authorization|cookie|session|signature/i;

/** Header names whose values are credentials: the engine's list, which it also strips on cross-origin redirects. */
export function isSecretHeader(name: string): boolean {
  return isCredentialHeader(name);
}

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** "Bearer abc" → "Bearer ••••••" (the scheme stays readable); anything else → MASK. */
export function maskHeaderValue(value: string): string {
  const scheme = /^(Bearer|Basic|Digest|Token|Negotiate)\s+/i.exec(value);
  return scheme ? `${scheme[1]} ${MASK}` : MASK;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? maskHeaderValue(String(value)) : value;
  return out;
}

/** http://user:pass@host → http://user:••••••@host; ?token=x → ?token=•••••• */
export function maskUrl(text: string): string {
  return text
    .replace(/(\bhttps?:\/\/[^\s/:@]+:)([^\s/@]+)(@)/gi, `$1${MASK}$3`)
    .replace(/([?&](?:[\w.-]*(?:pass(?:word)?|pwd|secret|token|api[-_]?key|signature|session)[\w.-]*)=)([^&#\s"]*)/gi, `$1${MASK}`);
}

/**
 * `${__P(password,hunter2)}` → `${__P(password,••••••)}`: a launch parameter's default may be a
 * credential; so may the default of `${__env(DB_PASSWORD,…)}`.
 */
export function maskParamDefaults(text: string): string {
  if (!text.includes("__P(") && !text.includes("__env(")) return text;
  return text.replace(
    /(\$\{__(?:P|env)\(\s*([^,()}]*?)\s*,)([^)}]*)(\)\})/g,
    (all, head: string, name: string, value: string, tail: string) =>
      isSecretField(name) && value.trim() !== "" ? `${head}${MASK}${tail}` : all,
  );
}

/** What a free-text string may carry: passwords in URLs, secret `__P` defaults. */
function maskText(text: string): string {
  return maskParamDefaults(maskUrl(text));
}

/** Inline CSV: cells of password-like columns (header row, or `columns`) are masked. */
export function maskCsv(csv: string, delimiter = ",", columns?: string[]): string {
  const lines = csv.split(/\r?\n/);
  const header = columns ?? (lines[0] ?? "").split(delimiter).map((c) => c.trim());
  const secret = header.map((c) => isSecretField(c));
  if (!secret.some(Boolean)) return csv;
  return lines
    .map((line, i) => {
      if ((!columns && i === 0) || line === "") return line;
      return line
        .split(delimiter)
        .map((cell, j) => (secret[j] ? MASK : cell))
        .join(delimiter);
    })
    .join("\n");
}

/** A deep copy of a JSON-like value with secrets masked (scenario documents, audit details, exports). */
export function maskSecrets<T>(value: T): T {
  return walk(value, undefined, 0) as T;
}

function walk(value: unknown, key: string | undefined, depth: number): unknown {
  if (depth > 64) return MASK; // absurdly deep: do not recurse forever
  if (typeof value === "string") {
    if (key !== undefined && isSecretField(key)) return value === "" ? value : MASK;
    return maskText(value);
  }
  if (typeof value === "number" || typeof value === "bigint") {
    return key !== undefined && isSecretField(key) ? MASK : value;
  }
  if (Array.isArray(value)) {
    // [{ name: "Authorization", value: "…" }] header lists (JMeter-style)
    return value.map((item) => {
      if (item && typeof item === "object" && !Array.isArray(item)) {
        const o = item as Record<string, unknown>;
        const name = o.name ?? o.key ?? o.header;
        if (typeof name === "string" && isSecretHeader(name) && typeof o.value === "string") {
          return { ...(walk(o, undefined, depth + 1) as object), value: maskHeaderValue(o.value) };
        }
      }
      return walk(item, undefined, depth + 1);
    });
  }
  if (value && typeof value === "object") {
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    const o = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (k.toLowerCase() === "headers" && v && typeof v === "object" && !Array.isArray(v)) {
        out[k] = Object.fromEntries(
          Object.entries(v as Record<string, unknown>).map(([h, hv]) => [
            h,
            isSecretHeader(h) && typeof hv === "string" ? maskHeaderValue(hv) : walk(hv, undefined, depth + 1),
          ]),
        );
      } else if (key === "multipart" && k === "files" && Array.isArray(v)) {
        out[k] = v.map((f) => {
          const file = walk(f, undefined, depth + 2);
          if (!file || typeof file !== "object" || Array.isArray(file)) return file;
          const content = (f as Record<string, unknown>).content;
          return typeof content === "string" && content !== "" ? { ...(file as object), content: MASK } : file;
        });
      } else if (k === "csv" && typeof v === "string") {
        const delimiter = typeof o.delimiter === "string" ? o.delimiter : ",";
        const columns = Array.isArray(o.columns) ? (o.columns as unknown[]).map(String) : undefined;
        out[k] = maskCsv(v, delimiter, columns);
      } else {
        out[k] = walk(v, k, depth + 1);
      }
    }
    return out;
  }
  return value;
}

/**
 * For editors that show a masked document and save it back: every string still equal to the mask
 * (or "Bearer ••••••") takes the stored value at the same path, so saving never overwrites a
 * secret with the mask. Inline CSV with masked cells keeps the stored CSV when only masks changed.
 */
export function restoreMaskedSecrets<T>(edited: T, stored: unknown): T {
  return restore(edited, stored, 0) as T;
}

function isMasked(value: string): boolean {
  return (
    value === MASK || / ••••••$/.test(value) || value.includes(`:${MASK}@`) || value.includes(`=${MASK}`) || value.includes(`,${MASK})}`)
  );
}

function restore(edited: unknown, stored: unknown, depth: number): unknown {
  if (depth > 64) return edited;
  if (typeof edited === "string") {
    if (typeof stored === "string" && isMasked(edited) && maskedFormsOf(stored).includes(edited)) return stored;
    if (typeof stored === "string" && edited.includes(MASK) && maskCsv(stored) === edited) return stored;
    return edited;
  }
  if (Array.isArray(edited)) return edited.map((item, i) => restore(item, Array.isArray(stored) ? stored[i] : undefined, depth + 1));
  if (edited && typeof edited === "object") {
    const s = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
    return Object.fromEntries(Object.entries(edited as Record<string, unknown>).map(([k, v]) => [k, restore(v, s[k], depth + 1)]));
  }
  return edited;
}

/** What the masked view may show for a stored string, whichever rule masked it. */
function maskedFormsOf(stored: string): string[] {
  return [MASK, maskHeaderValue(stored), maskUrl(stored), maskText(stored)].filter((m) => m !== stored);
}
