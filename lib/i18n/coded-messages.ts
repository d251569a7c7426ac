/**
 * Coded messages: what the server says to a person (why a run failed, why a webhook was not
 * delivered, what an import skipped, …) kept as a stable code and its parameters, beside the
 * English text for logs, the API and old clients. The UI words the code from
 * messages/<locale>.json `<namespace>.codes.<code>` with the same parameters
 * (app/_components/coded-message.tsx), so a zh-CN reader never sees the server's English.
 *
 * Each kind of message has its catalogue (`defineCodes`): a code's parameter names and its English
 * text. lib/i18n/coded-messages.test.ts checks that every locale has every code of every catalogue
 * with exactly those parameters.
 *
 * Pure and dependency-free: the engine's threads, the worker, agents and client components import it.
 */

export type TParamValue = string | number;

export interface TCodedMessage {
  code: string;
  params: Record<string, TParamValue>;
}

export interface TCodeEntry<P extends readonly string[] = readonly string[]> {
  params: P;
  en: (p: Record<P[number], TParamValue>) => string;
}

/** One code of a catalogue: its parameter names and its English text. */
export function entry<const P extends readonly string[]>(params: P, en: (p: Record<P[number], TParamValue>) => string): TCodeEntry<P> {
  return { params, en };
}

export const none = [] as const;

export type TCatalogue = Record<string, TCodeEntry>;
/** The parameters of one code; distributes over a union of codes. */
export type TParamsOf<T extends TCatalogue, C extends keyof T> = C extends keyof T ? Record<T[C]["params"][number], TParamValue> : never;

/** The English text of a code. */
export function englishOf<T extends TCatalogue, C extends keyof T & string>(catalogue: T, code: C, params: TParamsOf<T, C>): string {
  return (catalogue[code]!.en as (p: Record<string, TParamValue>) => string)(params);
}

/** A typed maker for one catalogue: `coded(code, params)` → { code, params }. */
export function codedMaker<T extends TCatalogue>(_catalogue: T) {
  return <C extends keyof T & string>(code: C, params: TParamsOf<T, C>): TCodedMessage & { code: C } => ({
    code,
    params: { ...(params as Record<string, TParamValue>) },
  });
}

export function isCodedMessage(value: unknown): value is TCodedMessage {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { code?: unknown; params?: unknown };
  if (typeof v.code !== "string" || typeof v.params !== "object" || v.params === null || Array.isArray(v.params)) return false;
  return Object.values(v.params).every((p) => typeof p === "string" || typeof p === "number");
}

/*
 * A text column that holds coded messages (Run.error, each line of WebhookDelivery.lastError) keeps
 * the English text first, then RS (U+001E) and the parts as JSON: a person reading the table in psql
 * still sees the English, and a row written before codes (plain English, never an RS) reads as it is.
 * JSON.stringify escapes control characters, so the last RS is always the separator.
 */
const RS = "\u001e";

/** What a coded text column holds: the English (parts joined with `join`) and the parts. */
export function encodeCodedText(parts: readonly TCodedMessage[], english: (m: TCodedMessage) => string, join = "; "): string {
  const text = parts.map(english).join(join);
  return `${text}${RS}${JSON.stringify(parts.map((p) => ({ code: p.code, params: p.params })))}`;
}

export interface TDecodedText {
  /** The English text (all of an old row). */
  text: string;
  /** The coded parts, or null for a row written before codes (or not readable). */
  parts: TCodedMessage[] | null;
}

export function decodeCodedText(stored: string): TDecodedText {
  const at = stored.lastIndexOf(RS);
  if (at < 0) return { text: stored, parts: null };
  try {
    const parts: unknown = JSON.parse(stored.slice(at + 1));
    if (Array.isArray(parts) && parts.every(isCodedMessage)) return { text: stored.slice(0, at), parts };
  } catch {
    // Not ours: shown as stored, without the separator.
  }
  return { text: stored.slice(0, at), parts: null };
}

/** The English of a coded text column, for readers that show text (API `error`, logs, HTML files). */
export function englishOfCodedText(stored: string | null): string | null {
  return stored === null ? null : decodeCodedText(stored).text;
}
