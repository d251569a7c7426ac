/**
 * The functions `${__name(args)}` of templates (JMeter's function syntax). Each one compiles its
 * arguments once; literal arguments (a number, a format) are checked and prepared at compile
 * time, templated ones (`${max}`) are rendered first on every call.
 *
 * Functions read the VU's `vars.runtime`; without one (the editor's preview) they fall back to
 * Math.random, Date.now, a counter of 1, and the default of `__env` / `__P`.
 */
import { compileTimeFormat } from "./template-time";
import type { TTemplate, TVars } from "./template";

/** A function: arity, a usage line for messages, a compile step and a check of literal arguments. */
interface TTemplateFunction {
  min: number;
  max: number;
  usage: string;
  /** `literal[i]` is the argument's text when it has no `${…}`, else undefined. Returns a problem or null. */
  check?: (literal: (string | undefined)[]) => string | null;
  compile: (args: TTemplate[], literal: (string | undefined)[]) => (vars: TVars) => string;
}

const LETTERS_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function arg(t: TTemplate | undefined, vars: TVars): string {
  return t === undefined ? "" : typeof t === "string" ? t : t(vars);
}

/**
 * Web Crypto's randomUUID: Node's global, and browsers' (the editor imports this file, so no
 * node:crypto). Browsers offer it on secure origins only; elsewhere a Math.random v4 UUID serves
 * the preview.
 */
function randomUUID(): string {
  if (typeof globalThis.crypto?.randomUUID === "function") return globalThis.crypto.randomUUID();
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) =>
    ((c === "x" ? 0 : 8) + Math.floor(Math.random() * (c === "x" ? 16 : 4))).toString(16),
  );
}

const random = (vars: TVars): number => (vars.runtime ? vars.runtime.random() : Math.random());
const now = (vars: TVars): number => (vars.runtime ? vars.runtime.nowMs() : Date.now());

function isInteger(text: string): boolean {
  return /^\s*[-+]?\d+\s*$/.test(text);
}

function checkInteger(name: string, what: string, text: string | undefined, min = -Infinity): string | null {
  if (text === undefined) return null;
  if (!isInteger(text)) return `${name}: ${what} must be a whole number, got "${text}"`;
  if (Number(text) < min) return `${name}: ${what} must be ≥ ${min}, got ${text.trim()}`;
  return null;
}

/** A number in [min, max], both inclusive; bounds may come in either order. */
function randomInt(vars: TVars, a: number, b: number): string {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return String(lo + Math.floor(random(vars) * (hi - lo + 1)));
}

const COUNTER_SCOPES: Record<string, "vu" | "run"> = { vu: "vu", run: "run", true: "vu", false: "run" };

export const TEMPLATE_FUNCTIONS: Record<string, TTemplateFunction> = {
  __uuid: {
    min: 0,
    max: 0,
    usage: "__uuid()",
    compile: () => () => randomUUID(),
  },
  __randomInt: {
    min: 2,
    max: 2,
    usage: "__randomInt(min,max)",
    check: ([lo, hi]) => checkInteger("__randomInt", "min", lo) ?? checkInteger("__randomInt", "max", hi),
    compile: ([lo, hi]) => {
      if (typeof lo === "string" && typeof hi === "string") {
        const a = Number(lo);
        const b = Number(hi);
        return (vars) => randomInt(vars, a, b);
      }
      return (vars) => {
        const a = arg(lo, vars);
        const b = arg(hi, vars);
        // A templated bound that is not a whole number at run time renders as "" (nothing sensible to draw).
        return isInteger(a) && isInteger(b) ? randomInt(vars, Number(a), Number(b)) : "";
      };
    },
  },
  __randomString: {
    min: 1,
    max: 2,
    usage: "__randomString(length[,chars])",
    check: ([length, chars]) =>
      checkInteger("__randomString", "length", length, 0) ?? (chars === "" ? "__randomString: chars must not be empty" : null),
    compile:
      ([length, chars]) =>
      (vars) => {
        const n = arg(length, vars);
        if (!isInteger(n)) return "";
        const alphabet = chars === undefined ? LETTERS_DIGITS : arg(chars, vars) || LETTERS_DIGITS;
        let out = "";
        for (let i = Number(n); i > 0; i--) out += alphabet[Math.floor(random(vars) * alphabet.length)];
        return out;
      },
  },
  __time: {
    min: 0,
    max: 1,
    usage: "__time([format])",
    check: ([format]) => {
      if (format === undefined) return null;
      try {
        compileTimeFormat(format);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    },
    compile: ([format]) => {
      if (format === undefined || typeof format === "string") {
        const f = compileTimeFormat(format ?? "");
        return (vars) => f(now(vars));
      }
      // A templated format: compiled when it changes (a bad one renders as "").
      let last: string | undefined;
      let f: ((ms: number) => string) | null = null;
      return (vars) => {
        const text = format(vars);
        if (text !== last) {
          last = text;
          try {
            f = compileTimeFormat(text);
          } catch {
            f = null;
          }
        }
        return f ? f(now(vars)) : "";
      };
    },
  },
  __counter: {
    min: 0,
    max: 1,
    usage: "__counter([vu|run])",
    check: ([scope]) =>
      scope === undefined || scope.trim().toLowerCase() in COUNTER_SCOPES ? null : `__counter: the scope is vu or run, got "${scope}"`,
    compile: ([scope]) => {
      const resolve = (vars: TVars) => COUNTER_SCOPES[arg(scope, vars).trim().toLowerCase()] ?? "vu";
      const fixed = scope === undefined ? "vu" : typeof scope === "string" ? resolve(new Map()) : null;
      const next = (vars: TVars, s: "vu" | "run"): string =>
        vars.runtime ? String(s === "vu" ? vars.runtime.nextVuCounter() : vars.runtime.nextRunCounter()) : "1";
      return fixed ? (vars) => next(vars, fixed) : (vars) => next(vars, resolve(vars));
    },
  },
  __env: {
    min: 1,
    max: 2,
    usage: "__env(NAME[,default])",
    check: ([name]) => (name !== undefined && name.trim() === "" ? "__env: the variable name is empty" : null),
    compile:
      ([name, fallback]) =>
      (vars) =>
        vars.runtime?.env(arg(name, vars).trim()) ?? arg(fallback, vars),
  },
  __P: {
    min: 1,
    max: 2,
    usage: "__P(name[,default])",
    check: ([name]) => (name !== undefined && name.trim() === "" ? "__P: the parameter name is empty" : null),
    compile:
      ([name, fallback]) =>
      (vars) =>
        vars.runtime?.param(arg(name, vars).trim()) ?? arg(fallback, vars),
  },
};

/** "__uuid, __randomInt, …" for messages. */
export const KNOWN_FUNCTIONS = Object.keys(TEMPLATE_FUNCTIONS).join(", ");
