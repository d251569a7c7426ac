import { type TRaw } from "./editor-state.types";

// Small helpers

let nextStepId = 1;
export function newId(): string {
  return `step-${nextStepId++}`;
}

export function isRecord(v: unknown): v is TRaw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Split `obj` into the listed keys and the rest. */
export function take(obj: TRaw, keys: readonly string[]): [TRaw, TRaw] {
  const known: TRaw = {};
  const rest: TRaw = {};
  for (const [k, v] of Object.entries(obj)) (keys.includes(k) ? known : rest)[k] = v;
  return [known, rest];
}

/** Text shown for a scalar the user edits as text (strings as-is, everything else as JSON). */
export function toText(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Typed text → number when it reads as one; "" → undefined; else the text (the schema says why). */
export function numberFromText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return NUMBER_RE.test(t) ? Number(t) : text;
}

export function setIf(out: TRaw, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}
