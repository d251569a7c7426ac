/**
 * Scenario templates → JMeter text: `${name}` stays a variable reference; our functions and
 * built-in values become the JMeter 2.13 function that does the same, or the closest one (noted).
 *
 * | ours                        | JMeter 2.13                                      |
 * | --------------------------- | ------------------------------------------------ |
 * | `${__uuid()}`               | `${__UUID()}`                                    |
 * | `${__randomInt(a,b)}`       | `${__Random(a,b,)}`                              |
 * | `${__randomString(n[,cs])}` | `${__RandomString(n,cs,)}` (cs: letters+digits)  |
 * | `${__time()}`, `(fmt)`      | `${__time()}`, `${__time(fmt,)}`                 |
 * | `${__counter()}` / `(vu)`   | `${__counter(TRUE,)}` (per thread)               |
 * | `${__counter(run)}`         | `${__counter(FALSE,)}` (all threads)             |
 * | `${__P(n,d)}`               | `${__P(n,d)}` (`-Jn=…`)                          |
 * | `${__env(N,d)}`             | `${__javaScript(…System.getenv…)}`               |
 * | `${__vu}` / `${vu}`         | `${__threadNum}`                                 |
 * | `${__iteration}`/`${iteration}` | `${__iteration}`, a per-thread Counter       |
 * | `${__status}`               | the previous sample's response code (`__jexl2`)  |
 * | `${scenario}`               | the scenario name                                |
 *
 * Templates are read by the engine's own scanner (lib/engine/template.ts), so a string means here
 * what it means in a run.
 */
import { closingBrace, scanTemplate, type TTemplateSegment } from "../../engine/template";

/** What the conversion needs from the exporter, and what it tells it back. */
export interface TTextCtx {
  scenarioName: string;
  note(reason: string): void;
  /** Set when `${__iteration}` is used: the thread group then gets the Counter that sets it. */
  usesIteration: boolean;
}

export const LETTERS_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** The variable the per-thread Counter sets (JMeter 2.13 has no iteration function). */
export const ITERATION_VAR = "__iteration";

/** The thread's previous sample's response code ("" before the first one), in JEXL 2. */
export const STATUS_JEXL = "ctx.getPreviousResult() == null ? '' : ctx.getPreviousResult().getResponseCode()";

/**
 * A JMeter function argument: `,` and `\` escaped as JMeter's function parser reads them, but not
 * inside a nested `${…}` (JMeter parses those on their own).
 */
export function jmeterArg(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "$" && s[i + 1] === "{") {
      const close = closingBrace(s, i);
      if (close > 0) {
        out += s.slice(i, close + 1);
        i = close;
        continue;
      }
    }
    out += c === "\\" || c === "," ? `\\${c}` : c;
  }
  return out;
}

/** `${__javaScript(script)}` with the script escaped for JMeter's function parser. */
export function javaScriptCall(script: string): string {
  return `\${__javaScript(${jmeterArg(script)})}`;
}

/** A JavaScript string literal that JMeter's parsers leave alone: no `$`, parentheses, commas or braces as such. */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(/[$(),{}\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A scenario string (templates and all) as JMeter text. */
export function jmeterText(text: string, ctx: TTextCtx): string {
  if (!text.includes("${")) return text;
  return (
    scanTemplate(text)
      // An unclosed call renders nothing in the engine (its text stays in the neighbouring text segment).
      .map((seg) =>
        seg.kind === "text" ? seg.text : seg.kind === "var" ? variable(seg.name, ctx) : seg.kind === "call" ? call(seg, ctx) : "",
      )
      .join("")
  );
}

function variable(name: string, ctx: TTextCtx): string {
  if (name === "__vu" || name === "vu") return "${__threadNum}";
  if (name === "__iteration" || name === "iteration") {
    ctx.usesIteration = true;
    return `\${${ITERATION_VAR}}`;
  }
  if (name === "__status") return `\${__jexl2(${STATUS_JEXL})}`;
  if (name === "scenario") return ctx.scenarioName;
  return `\${${name}}`;
}

function call(seg: Extract<TTemplateSegment, { kind: "call" }>, ctx: TTextCtx): string {
  const a = seg.args.map((x) => jmeterArg(jmeterText(x, ctx)));
  switch (seg.name) {
    case "__uuid":
      return "${__UUID()}";
    case "__randomInt":
      return `\${__Random(${a[0] ?? ""},${a[1] ?? ""},)}`;
    case "__randomString":
      return `\${__RandomString(${a[0] ?? ""},${a[1] || LETTERS_DIGITS},)}`;
    case "__time":
      return a[0] === undefined ? "${__time()}" : `\${__time(${a[0]},)}`;
    case "__counter":
      return seg.args[0] === "run" ? "${__counter(FALSE,)}" : "${__counter(TRUE,)}";
    case "__P":
      return `\${__P(${a[0] ?? ""},${a[1] ?? ""})}`;
    case "__env": {
      // JMeter 2.13 has no environment function; Rhino (behind __javaScript) reaches java.lang.System.
      const [name = "", fallback = ""] = seg.args;
      if (name.includes("${") || fallback.includes("${")) {
        ctx.note(`${seg.raw}: templates in __env arguments: exported as a JMeter property, \${__P(…)} (-J on the command line)`);
        return `\${__P(${a[0] ?? ""},${a[1] ?? ""})}`;
      }
      return javaScriptCall(`var v = java.lang.System.getenv(${jsString(name)}); v == null ? ${jsString(fallback)} : String(v)`);
    }
    default:
      ctx.note(`${seg.raw}: unknown function, left as written`);
      return seg.raw;
  }
}
