/**
 * JMeter's `${…}` text → Musterpoint's template text. JMeter functions with a counterpart become
 * ours (`__time`, `__threadNum`, `__Random`, `__RandomString`, `__UUID`, `__counter`, `__P`,
 * `__property`, `__V`, `__threadGroupName`); User Defined Variables whose value is itself a
 * template are substituted where they are used (ours are plain values); anything else becomes a
 * named placeholder variable (empty unless set at launch) and a line in the report, because
 * ZScenario refuses unknown functions and sending JMeter's text literally would hide the problem.
 */

import { templateProblem } from "../../engine/template";
import { jmxReason, type TJmxReason } from "./jmx-reason-codes";

/** What the translator knows about the thread group it translates for. */
export interface TJmeterTextEnv {
  /** User Defined Variables in scope, as written in the plan (untranslated). */
  udv: Record<string, string>;
  threadGroupName: string;
  /** Called for every function or reference that was not carried over exactly (lib/jmeter/jmx/jmx-reason-codes.ts). */
  note: (message: TJmxReason) => void;
  /** Names a placeholder for an untranslatable function; the caller defines it as a variable. */
  placeholder: (fn: string, original: string) => string;
}

/** A `${…}` reference found in text: its inner text and where it ends. */
interface Ref {
  start: number;
  end: number;
  inner: string;
}

/** The next `${…}` at or after `from`, with nested braces balanced (`${__V(a${b})}`). */
function nextRef(text: string, from: number): Ref | null {
  for (let i = text.indexOf("${", from); i >= 0; i = text.indexOf("${", i + 2)) {
    let depth = 0;
    for (let j = i + 1; j < text.length; j++) {
      const c = text[j];
      if (c === "\\") {
        j++;
        continue;
      }
      if (c === "{") depth++;
      else if (c === "}" && --depth === 0) return { start: i, end: j + 1, inner: text.slice(i + 2, j) };
    }
    return null; // an unclosed ${: JMeter leaves the rest as text
  }
  return null;
}

/**
 * JMeter's argument list: split on top-level commas (not inside a nested `${…}` or parentheses);
 * `\,` is a literal comma. Arguments keep their spaces, as JMeter's do.
 */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && text[i + 1] === ",") {
      cur += depth > 0 ? "\\," : ",";
      i++;
      continue;
    }
    if (c === "{" || c === "(") depth++;
    else if ((c === "}" || c === ")") && depth > 0) depth--;
    if (c === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Commas inside one of our function arguments are escaped as JMeter does. */
function arg(text: string): string {
  return text.replace(/,/g, "\\,");
}

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NUMBER = /^-?\d+$/;
/** Letters our __time formats know (template-time.ts); others are refused by validation. */
const TIME_FORMAT_LETTERS = /^[yMdHhmsSaEZX]$/;

/** Is this a SimpleDateFormat our `__time(format)` renders (quoted text aside)? */
export function isSupportedTimeFormat(format: string): boolean {
  let quoted = false;
  for (const c of format) {
    if (c === "'") quoted = !quoted;
    else if (!quoted && /[A-Za-z]/.test(c) && !TIME_FORMAT_LETTERS.test(c)) return false;
  }
  return !quoted;
}

/** Translate a whole text. `depth` guards against variables that refer to each other. */
export function translateJmeterText(text: string, env: TJmeterTextEnv, depth = 0): string {
  if (!text.includes("${")) return text;
  let out = "";
  let at = 0;
  for (let ref = nextRef(text, 0); ref; ref = nextRef(text, ref.end)) {
    out += text.slice(at, ref.start) + translateRef(ref.inner, text.slice(ref.start, ref.end), env, depth);
    at = ref.end;
  }
  return out + text.slice(at);
}

function translateRef(inner: string, original: string, env: TJmeterTextEnv, depth: number): string {
  const out = translateRefRaw(inner, original, env, depth);
  // What we write must be a template ZScenario accepts (e.g. __Random(a,b) with words for bounds is
  // not): otherwise the whole thread group would fail validation for one value.
  if (out.startsWith("${__")) {
    const problem = templateProblem(out);
    if (problem) return unknown(/^(__[A-Za-z0-9_]+)/.exec(inner)?.[1] ?? "__fn", original, env, { problem });
  }
  return out;
}

function translateRefRaw(inner: string, original: string, env: TJmeterTextEnv, depth: number): string {
  const fn = /^(__[A-Za-z0-9_]+)\s*(?:\(([\s\S]*)\))?\s*$/.exec(inner);
  if (!fn) {
    const name = inner.trim();
    const value = env.udv[name];
    if (value !== undefined && value.includes("${")) {
      if (depth > 8) {
        env.note(jmxReason("variable_cycle", { name }));
        return `\${${name}}`;
      }
      // A variable holding a function or another variable: JMeter evaluates it once at start;
      // scenario variables are plain values, so the (translated) expression is used in place.
      return translateJmeterText(value, env, depth + 1);
    }
    return original;
  }
  const name = fn[1] as string;
  const rawArgs = fn[2] === undefined ? [] : splitArgs(fn[2]);
  const args = rawArgs.map((a) => translateJmeterText(a, env, depth + 1));
  const a = (i: number) => (args[i] ?? "").trim();
  const storeNote = (i: number) => {
    if (a(i)) env.note(jmxReason("fn_not_stored", { original, variable: a(i) }));
  };
  switch (name) {
    case "__time": {
      storeNote(1);
      const format = args[0] ?? "";
      if (format.trim() === "") return "${__time()}";
      if (format.trim() === "/1000") return "${__time(/1000)}";
      if (isSupportedTimeFormat(format)) return `\${__time(${arg(format)})}`;
      env.note(jmxReason("fn_time_format", { original, format }));
      return "${__time()}";
    }
    case "__threadNum":
      return "${__vu}";
    case "__threadGroupName":
      return env.threadGroupName;
    case "__Random": {
      storeNote(2);
      if (args.length < 2) return unknown(name, original, env, "fn_min_max");
      return `\${__randomInt(${arg(a(0))},${arg(a(1))})}`;
    }
    case "__RandomString": {
      storeNote(2);
      if (!a(0)) return unknown(name, original, env, "fn_length");
      const chars = args[1] ?? "";
      return chars === "" ? `\${__randomString(${arg(a(0))})}` : `\${__randomString(${arg(a(0))},${arg(chars)})}`;
    }
    case "__UUID":
      return "${__uuid()}";
    case "__counter": {
      storeNote(1);
      // TRUE: each user has its own counter; FALSE: one counter shared by all users.
      return a(0).toUpperCase() === "TRUE" ? "${__counter()}" : "${__counter(run)}";
    }
    case "__P":
      return a(1) !== "" || rawArgs.length > 1 ? `\${__P(${arg(a(0))},${arg(a(1))})}` : `\${__P(${arg(a(0))})}`;
    case "__property": {
      // __property(name, storeIn, default)
      storeNote(1);
      return rawArgs.length > 2 ? `\${__P(${arg(a(0))},${arg(a(2))})}` : `\${__P(${arg(a(0))})}`;
    }
    case "__env": {
      // jmeter-plugins: __env(NAME, storeIn, default)
      storeNote(1);
      return rawArgs.length > 2 ? `\${__env(${arg(a(0))},${arg(a(2))})}` : `\${__env(${arg(a(0))})}`;
    }
    case "__V": {
      // Plain variables inside the name are known at import: item_${idx} with idx=3 is ${item_3}.
      const target = a(0).replace(/\$\{([^${}]*)\}/g, (m, n: string) =>
        env.udv[n] !== undefined && !env.udv[n]!.includes("${") ? env.udv[n]! : m,
      );
      if (VAR_NAME.test(target)) return `\${${target}}`;
      return unknown(name, original, env, "fn_runtime_name");
    }
    case "__intSum":
    case "__longSum": {
      const nums = args.map((x) => x.trim());
      const terms = nums.length > 2 && !NUMBER.test(nums[nums.length - 1] as string) ? nums.slice(0, -1) : nums;
      if (terms.length > 0 && terms.every((x) => NUMBER.test(x))) return String(terms.reduce((s, x) => s + Number(x), 0));
      return unknown(name, original, env, "fn_runtime_sum");
    }
    default:
      return unknown(name, original, env, "fn_unknown");
  }
}

/** Why a function became a placeholder variable: a reason code, or the template check's own words. */
type TUnknownWhy = "fn_min_max" | "fn_length" | "fn_runtime_name" | "fn_runtime_sum" | "fn_unknown" | { problem: string };

function unknown(name: string, original: string, env: TJmeterTextEnv, why: TUnknownWhy): string {
  const variable = env.placeholder(name.replace(/^__/, ""), original);
  env.note(
    typeof why === "string"
      ? jmxReason(why, { original, variable: `\${${variable}}` })
      : jmxReason("fn_problem", { original, problem: why.problem, variable: `\${${variable}}` }),
  );
  return `\${${variable}}`;
}
