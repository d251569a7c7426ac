/**
 * Our conditions (`if`, `loop.while`; grammar in lib/engine/expression.ts) → a JEXL 2 expression
 * (JMeter 2.13's `__jexl2`), with the same meaning:
 * - operands: `${name}` (unknown: the text `${name}`, as the engine renders it), a bare name
 *   (unknown: ""), `__status` (the previous sample's response code), numbers, quoted strings (with
 *   `${…}` inside rendered), true / false;
 * - `== != < <= > >=` compare as numbers when both sides are numbers, else as strings;
 *   `contains`, `matches` (a regex found anywhere in the text); `&& || !`, parentheses;
 * - a lone operand is true unless it is "", "false", "0" or an unknown variable.
 *
 * JEXL rather than JavaScript: JMeter 2.13 compiles a JavaScript condition (Rhino) on every
 * evaluation. Measured per pass of a loop on the shared 2-core test machine (2026-12-06, 400
 * passes, a 1.4–1.9 ms loopback request in each): + 6 ms for `${__javaScript(…)}` or an If
 * Controller's own JavaScript `true`, + 24 ms when that script reaches the thread's variables
 * by package name, + 2.4 ms for a JEXL 2 expression with two regex matches. Texts of the scenario (string literals, regexes) are not written into the
 * expression: `literal(text)` returns an expression that reads them (a variable), so no quoting
 * or escaping of user text is needed in JEXL or in JMeter's function syntax.
 */
import { scanTemplate } from "./export-text";

type TToken =
  | { t: "op"; v: string; at: number }
  | { t: "tmpl"; v: string; at: number }
  | { t: "str"; v: string; at: number }
  | { t: "num"; v: string; at: number }
  | { t: "id"; v: string; at: number };

const ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t" };
const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")"];

function tokenize(text: string): TToken[] {
  const out: TToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "$" && text[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      if (j >= text.length) throw new Error(`unclosed "\${" at ${at + 1}`);
      out.push({ t: "tmpl", v: text.slice(i, j + 1), at });
      i = j + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === "\\" && j + 1 < text.length) {
          // Other backslashes stay as written (regexes read naturally), as the engine reads them.
          v += ESCAPES[text[j + 1]!] ?? `\\${text[j + 1]}`;
          j++;
        } else v += text[j];
      }
      if (j >= text.length) throw new Error(`unclosed string at ${at + 1}`);
      out.push({ t: "str", v, at });
      i = j + 1;
      continue;
    }
    const num = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num && (c !== "-" || /\d|\./.test(text[i + 1] ?? ""))) {
      out.push({ t: "num", v: num[0], at });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (id) {
      out.push({ t: "id", v: id[0], at });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      out.push({ t: "op", v: op, at });
      i += op.length;
      continue;
    }
    throw new Error(`unexpected "${c}" at ${at + 1}`);
  }
  return out;
}

const COMPARISONS = ["==", "!=", "<", "<=", ">", ">=", "contains", "matches"];

/** The expression that yields `text` (the exporter stores it in a variable). */
export type TLiteral = (text: string) => string;

/** A node: `truth` a JEXL boolean, `value` a JEXL string (never null) when used as an operand. */
interface TNode {
  truth: string;
  value: string;
}

const bool = (truth: string): TNode => ({ truth, value: `((${truth}) ? 'true' : 'false')` });
/** "", "0", "false" (any case) are false. */
const notFalsy = (v: string) => `(${v} != '' && ${v} != '0' && !${v}.equalsIgnoreCase('false'))`;

/**
 * Parse and translate; throws an Error naming what is wrong and where. `onFunction` hears of
 * function calls inside the condition (written as text: JMeter would evaluate them once).
 */
export function conditionToJexl(text: string, literal: TLiteral, onFunction: (raw: string) => void = () => undefined): string {
  const tokens = tokenize(text);
  let p = 0;
  const isOp = (v: string) => {
    const t = tokens[p];
    return t !== undefined && t.t === "op" && t.v === v;
  };
  const or = (): TNode => {
    const first = and();
    if (!isOp("||")) return first;
    const parts = [first.truth];
    while (isOp("||")) {
      p++;
      parts.push(and().truth);
    }
    return bool(`(${parts.join(" || ")})`);
  };
  const and = (): TNode => {
    const first = not();
    if (!isOp("&&")) return first;
    const parts = [first.truth];
    while (isOp("&&")) {
      p++;
      parts.push(not().truth);
    }
    return bool(`(${parts.join(" && ")})`);
  };
  const not = (): TNode => {
    if (isOp("!")) {
      p++;
      return bool(`!(${not().truth})`);
    }
    return cmp();
  };
  const cmp = (): TNode => {
    const left = primary();
    const t = tokens[p];
    const op = t && (t.t === "op" || t.t === "id") && COMPARISONS.includes(t.v) ? t.v : "";
    if (!op) return left;
    p++;
    const a = left.value;
    const b = primary().value;
    if (op === "contains") return bool(`${a}.contains(${b})`);
    // The whole value, "." matching line breaks too (the engine's ^(?:…)$ with the s flag).
    if (op === "matches") return bool(`${a}.matches('(?s)(?:'.concat(${b}).concat(')'))`);
    // Numbers as numbers (Double), anything else as text (UTF-16 code units, as the engine).
    const num = (x: string) => `${x}.trim().matches('${NUMBER}')`;
    return bool(`((${num(a)} && ${num(b)} ? new('java.lang.Double', ${a}.trim()).compareTo(new('java.lang.Double', ${b}.trim())) : ${a}.compareTo(${b})) ${op} 0)`);
  };
  const primary = (): TNode => {
    const t = tokens[p++];
    if (!t) throw new Error(`expected a value at ${text.length + 1}`);
    if (t.t === "op" && t.v === "(") {
      // A group is its content: (n) == 10 compares n; (a && b) == true compares "true"/"false".
      const inner = or();
      if (!isOp(")")) throw new Error(`"(" is not closed at ${t.at + 1}`);
      p++;
      return inner;
    }
    if (t.t === "num" || (t.t === "id" && (t.v === "true" || t.v === "false"))) return constant(t.v);
    if (t.t === "id" && !COMPARISONS.includes(t.v)) return variable(t.v, "empty");
    if (t.t === "str" || t.t === "tmpl") {
      if (!t.v.includes("${")) return constant(t.v);
      const segs = scanTemplate(t.v);
      const only = segs.length === 1 ? segs[0] : undefined;
      if (only?.kind === "var") return variable(only.name, "asWritten");
      const parts = segs.map((seg) => {
        if (seg.kind === "var") return variable(seg.name, "asWritten").value;
        if (seg.kind === "call") onFunction(seg.raw);
        return literal(seg.kind === "text" ? seg.text : seg.raw);
      });
      const value = parts.slice(1).reduce((acc, x) => `${acc}.concat(${x})`, parts[0] ?? "''");
      return { value, truth: notFalsy(value) };
    }
    throw new Error(`unexpected "${t.v}" at ${t.at + 1}`);
  };
  const constant = (v: string): TNode => {
    const falsy = v === "" || v === "0" || v.toLowerCase() === "false";
    return { value: /^[A-Za-z0-9_.+-]*$/.test(v) ? `'${v}'` : literal(v), truth: falsy ? "false" : "true" };
  };
  if (tokens.length === 0) throw new Error("empty condition at 1");
  const out = or();
  if (p < tokens.length) throw new Error(`unexpected "${tokens[p]!.v}" at ${tokens[p]!.at + 1}`);
  return out.truth;
}

/** A finite decimal number, as the engine recognises one. */
const NUMBER = "[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?";

/** A variable: unknown → `${name}` as written (a template operand) or "" (a bare name); false alone. */
function variable(name: string, unknown: "asWritten" | "empty"): TNode {
  if (name === "__status") {
    const value = "(ctx.getPreviousResult() == null ? '' : ctx.getPreviousResult().getResponseCode())";
    return { value, truth: notFalsy(value) };
  }
  if (name === "__vu" || name === "vu") return { value: "(ctx.getThreadNum() + 1).toString()", truth: "true" };
  if (name === "__iteration" || name === "iteration") return { value: "vars.getIteration().toString()", truth: "true" };
  const get = `vars.get('${name}')`;
  const fallback = unknown === "asWritten" ? `'$'.concat('{${name}}')` : "''";
  return { value: `(${get} == null ? ${fallback} : ${get})`, truth: `(${get} != null && ${notFalsy(get)})` };
}
