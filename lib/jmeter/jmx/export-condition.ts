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
 * evaluation — about 8 ms of CPU on the machine the tests ran on, 25 ms for an If Controller's
 * own JavaScript that must look the thread's variables up by package — against 2 ms for a cached
 * JEXL expression. Texts of the scenario (string literals, regexes) are not written into the
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
      if (j >= text.length) throw new Error(`unclosed \${ at ${at}`);
      out.push({ t: "tmpl", v: text.slice(i, j + 1), at });
      i = j + 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let v = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === "\\" && j + 1 < text.length) j++;
        v += text[j];
      }
      if (j >= text.length) throw new Error(`unclosed string at ${at}`);
      out.push({ t: "str", v, at });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (["==", "!=", "<=", ">=", "&&", "||"].includes(two)) {
      out.push({ t: "op", v: two, at });
      i += 2;
      continue;
    }
    if ("<>!()".includes(c)) {
      out.push({ t: "op", v: c, at });
      i++;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (num && (c !== "-" || out.length === 0 || out.at(-1)!.t === "op")) {
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
    throw new Error(`unexpected "${c}" at ${at}`);
  }
  return out;
}

const COMPARISONS = ["==", "!=", "<", "<=", ">", ">=", "contains", "matches"];

/** The expression that yields `text` (the exporter stores it in a variable). */
export type TLiteral = (text: string) => string;

/** Parse and translate; throws an Error naming what is wrong and where. */
export function conditionToJexl(text: string, literal: TLiteral): string {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => {
    const t = peek();
    return t !== undefined && (t.t === "op" || t.t === "id") && t.v === v;
  };
  const or = (): string => {
    let left = and();
    while (isOp("||")) {
      p++;
      left = `(${left} || ${and()})`;
    }
    return left;
  };
  const and = (): string => {
    let left = not();
    while (isOp("&&")) {
      p++;
      left = `(${left} && ${not()})`;
    }
    return left;
  };
  const not = (): string => {
    if (isOp("!")) {
      p++;
      return `!(${not()})`;
    }
    return cmp();
  };
  const cmp = (): string => {
    if (isOp("(")) {
      p++;
      const inner = or();
      if (!isOp(")")) throw new Error(`expected ")" at ${peek()?.at ?? text.length}`);
      p++;
      return inner;
    }
    const left = operand();
    const t = peek();
    if (t && (t.t === "op" || t.t === "id") && COMPARISONS.includes(t.v)) {
      p++;
      const right = operand();
      const a = left.value;
      const b = right.value;
      if (t.v === "contains") return `${a}.contains(${b})`;
      if (t.v === "matches") return `${a}.matches('(?s).*(?:'.concat(${b}).concat(').*'))`;
      // Numbers as numbers (Double), anything else as text, as the engine compares.
      const num = (x: string) => `${x}.trim().matches('${NUMBER}')`;
      return `((${num(a)} && ${num(b)} ? new('java.lang.Double', ${a}.trim()).compareTo(new('java.lang.Double', ${b}.trim())) : ${a}.compareTo(${b})) ${t.v} 0)`;
    }
    return left.truthy;
  };
  /** `value`: a JEXL expression of the operand's text (never null); `truthy`: the lone-operand test. */
  const operand = (): { value: string; truthy: string } => {
    const t = tokens[p++];
    if (!t) throw new Error(`unexpected end at ${text.length}`);
    const truthy = (v: string, known = "true") => `(${known} && ${v} != '' && ${v} != 'false' && ${v} != '0')`;
    if (t.t === "num") return { value: `'${t.v}'`, truthy: truthy(`'${t.v}'`) };
    if (t.t === "str" || t.t === "tmpl") {
      const segs = scanTemplate(t.v);
      const only = segs.length === 1 ? segs[0] : undefined;
      if (t.t === "tmpl" && only?.kind === "var") {
        const known = builtin(only.name) ? "true" : `vars.get('${only.name}') != null`;
        return { value: variable(only.name, "asWritten"), truthy: truthy(variable(only.name, "asWritten"), known) };
      }
      const parts = segs.map((seg) => (seg.kind === "text" ? literal(seg.text) : seg.kind === "var" ? variable(seg.name, "asWritten") : literal(seg.raw)));
      const value = parts.length === 0 ? "''" : parts.slice(1).reduce((acc, x) => `${acc}.concat(${x})`, parts[0]!);
      return { value, truthy: truthy(value) };
    }
    if (t.t === "id") {
      if (t.v === "true" || t.v === "false") return { value: `'${t.v}'`, truthy: t.v };
      if (COMPARISONS.includes(t.v)) throw new Error(`unexpected "${t.v}" at ${t.at}`);
      const known = builtin(t.v) ? "true" : `vars.get('${t.v}') != null`;
      return { value: variable(t.v, "empty"), truthy: truthy(variable(t.v, "empty"), known) };
    }
    throw new Error(`unexpected "${t.v}" at ${t.at}`);
  };
  const out = or();
  if (p < tokens.length) throw new Error(`unexpected "${tokens[p]!.v}" at ${tokens[p]!.at}`);
  return out;
}

/** A finite decimal number, as Number() reads one (hexadecimal left out). */
const NUMBER = "[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?";

function builtin(name: string): boolean {
  return ["__status", "__vu", "vu", "__iteration", "iteration"].includes(name);
}

/** A variable's text: unknown → `${name}` as written (a template operand) or "" (a bare name). */
function variable(name: string, unknown: "asWritten" | "empty"): string {
  if (name === "__status") return "(ctx.getPreviousResult() == null ? '' : ctx.getPreviousResult().getResponseCode())";
  if (name === "__vu" || name === "vu") return "(ctx.getThreadNum() + 1).toString()";
  if (name === "__iteration" || name === "iteration") return "vars.getIteration().toString()";
  const fallback = unknown === "asWritten" ? `'$'.concat('{${name}}')` : "''";
  return `(vars.get('${name}') == null ? ${fallback} : vars.get('${name}'))`;
}
