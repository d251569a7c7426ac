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
import { parseCondition, type TConditionNode } from "../../engine/expression";
import { scanTemplate } from "../../engine/template";

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
 * Parse (the engine's parser: the same language, the same messages) and translate; throws an
 * Error naming what is wrong and where. `onFunction` hears of function calls inside the condition
 * (written as text: JMeter would evaluate them once).
 */
export function conditionToJexl(text: string, literal: TLiteral, onFunction: (raw: string) => void = () => undefined): string {
  const node = (n: TConditionNode): TNode => {
    switch (n.kind) {
      case "or":
      case "and":
        return bool(`(${n.parts.map((x) => node(x).truth).join(n.kind === "or" ? " || " : " && ")})`);
      case "not":
        return bool(`!(${node(n.operand).truth})`);
      case "compare": {
        const a = node(n.left).value;
        const b = node(n.right).value;
        if (n.op === "contains") return bool(`${a}.contains(${b})`);
        // The whole value, "." matching line breaks too (the engine's ^(?:…)$ with the s flag).
        if (n.op === "matches") return bool(`${a}.matches('(?s)(?:'.concat(${b}).concat(')'))`);
        // Numbers as numbers (Double), anything else as text (UTF-16 code units, as the engine).
        const num = (x: string) => `${x}.trim().matches('${NUMBER}')`;
        return bool(
          `((${num(a)} && ${num(b)} ? new('java.lang.Double', ${a}.trim()).compareTo(new('java.lang.Double', ${b}.trim())) : ${a}.compareTo(${b})) ${n.op} 0)`,
        );
      }
      case "literal":
        return constant(n.text);
      case "variable":
        return variable(n.name, n.asWritten === undefined ? "empty" : "asWritten");
      case "template": {
        const parts = scanTemplate(n.text).map((seg) => {
          if (seg.kind === "var") return variable(seg.name, "asWritten").value;
          if (seg.kind === "call") onFunction(seg.raw);
          // An unclosed call never reaches here: the parser refuses it.
          return literal(seg.kind === "text" ? seg.text : seg.kind === "call" ? seg.raw : "");
        });
        const value = parts.slice(1).reduce((acc, x) => `${acc}.concat(${x})`, parts[0] ?? "''");
        return { value, truth: notFalsy(value) };
      }
    }
  };
  const constant = (v: string): TNode => {
    const falsy = v === "" || v === "0" || v.toLowerCase() === "false";
    return { value: /^[A-Za-z0-9_.+-]*$/.test(v) ? `'${v}'` : literal(v), truth: falsy ? "false" : "true" };
  };
  return node(parseCondition(text)).truth;
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
