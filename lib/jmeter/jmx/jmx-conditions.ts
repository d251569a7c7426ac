/**
 * If / While controller conditions → Musterpoint's condition language (lib/engine/expression.ts).
 * JMeter evaluates them as JavaScript (2.x default), or as `${__javaScript(…)}`, `${__jexl2/3(…)}`,
 * `${__groovy(…)}` or a variable holding "true" (useExpression, 3.x+). The simple, common shape —
 * comparisons of quoted templates, numbers and strings joined by && || ! and parentheses — has an
 * exact counterpart; anything else (method calls, arithmetic, scripts) returns null and the
 * caller reports an approximation.
 */
import { closingBrace } from "../../engine/template";
import type { TCodedMessage } from "../../i18n/coded-messages";
import { splitArgs } from "./jmeter-functions";
import { jmxReason } from "./jmx-reason-codes";

const WRAPPERS = /^\$\{(__javaScript|__jexl2|__jexl3|__groovy)\(([\s\S]*)\)\}$/;

/**
 * Translate one condition. `useExpression`: JMeter 3+'s "interpret condition as variable
 * expression" (the text renders to "true" or not); otherwise it is JavaScript.
 */
export function translateCondition(
  raw: string,
  useExpression: boolean,
  tr: (jmeterText: string) => string,
): { condition: string; note?: TCodedMessage } | null {
  let text = raw.trim();
  const wrapped = WRAPPERS.exec(text);
  if (wrapped) text = (splitArgs(wrapped[2] as string)[0] ?? "").trim();
  // "Did the last sample succeed?" — JMeter's most common If condition. Our nearest: the last status.
  if (/^(\$\{JMeterThread\.last_sample_ok\}|(["'])\$\{JMeterThread\.last_sample_ok\}\2\s*===?\s*(["'])true\3)$/.test(text))
    return {
      condition: "${__status} < 400",
      note: jmxReason("last_sample_ok", {}),
    };
  if (wrapped) {
    const c = translateScript(text, tr);
    return c === null ? null : { condition: c };
  }
  if (useExpression) {
    // A variable or function that renders "true": compare as JMeter does (case-insensitive "true").
    if (/^\$\{[^}]*\}$/.test(text)) return { condition: `"${quote(tr(text))}" == "true"` };
    return null;
  }
  const c = translateScript(text, tr);
  return c === null ? null : { condition: c };
}

type Tok = { t: "op"; v: string } | { t: "str"; v: string } | { t: "num"; v: string } | { t: "ref"; v: string } | { t: "bool"; v: string };

/** JavaScript/JEXL subset → our tokens, or null when the text uses anything else. */
function translateScript(text: string, tr: (jmeterText: string) => string): string | null {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let s = "";
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\\" && j + 1 < text.length) {
          s += text[j + 1];
          j += 2;
        } else s += text[j++];
      }
      if (j >= text.length || s.includes("${JMeterThread.")) return null;
      toks.push({ t: "str", v: s });
      i = j + 1;
      continue;
    }
    if (text.startsWith("${", i)) {
      const j = closingBrace(text, i);
      if (j < 0) return null;
      // JMeter's own thread state (last_sample_ok and the like) has no variable here.
      if (text.startsWith("${JMeterThread.", i)) return null;
      toks.push({ t: "ref", v: text.slice(i, j + 1) });
      i = j + 1;
      continue;
    }
    const op = /^(===|!==|==|!=|<=|>=|&&|\|\||<|>|!|\(|\))/.exec(text.slice(i));
    if (op) {
      toks.push({ t: "op", v: op[1] === "===" ? "==" : op[1] === "!==" ? "!=" : (op[1] as string) });
      i += (op[1] as string).length;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (num) {
      toks.push({ t: "num", v: num[0] });
      i += num[0].length;
      continue;
    }
    // vars.get("name") — the script API's way to read a variable.
    const get = /^vars\.get\(\s*(["'])([A-Za-z_][A-Za-z0-9_.-]*)\1\s*\)/.exec(text.slice(i));
    if (get) {
      toks.push({ t: "ref", v: `\${${get[2]}}` });
      i += get[0].length;
      continue;
    }
    const word = /^(true|false)\b/.exec(text.slice(i));
    if (word) {
      toks.push({ t: "bool", v: word[1] as string });
      i += word[0].length;
      continue;
    }
    return null;
  }
  if (toks.length === 0 || !wellFormed(toks)) return null;
  return toks
    .map((k) => {
      if (k.t === "str") return `"${quote(tr(k.v))}"`;
      if (k.t === "ref") return tr(k.v);
      return k.v;
    })
    .join(" ");
}

/** Operands and binary operators alternate; parentheses balance; `!` only before an operand. */
function wellFormed(toks: Tok[]): boolean {
  let depth = 0;
  let wantOperand = true;
  for (const k of toks) {
    if (k.t !== "op") {
      if (!wantOperand) return false;
      wantOperand = false;
    } else if (k.v === "(" || k.v === "!") {
      if (!wantOperand) return false;
      if (k.v === "(") depth++;
    } else if (k.v === ")") {
      if (wantOperand || --depth < 0) return false;
    } else {
      if (wantOperand) return false;
      wantOperand = true;
    }
  }
  return depth === 0 && !wantOperand;
}

function quote(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
}
