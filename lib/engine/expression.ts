/**
 * Conditions of `if`, `loop.while` (and imported JMeter If/While controllers): a tokenizer and a
 * recursive-descent parser to a tree (`parseCondition`, which the JMX exporter translates too),
 * compiled once into closures — never eval or Function, so a scenario cannot run code in the engine.
 *
 *   or  := and ('||' and)*        and := not ('&&' not)*        not := '!' not | cmp
 *   cmp := primary (('=='|'!='|'<'|'<='|'>'|'>='|'contains'|'matches') primary)?
 *   primary := '(' or ')' | operand
 *   operand := ${…} template | identifier (a variable) | number | 'string' | "string" | true | false
 *
 * Comparisons are numeric when both sides are decimal numbers, else by string (code units);
 * `matches` is a whole-value regex match; `contains` a substring test. A lone operand is true
 * unless it is "", "false", "0" or an unknown variable. A quoted string holding `${…}` is a
 * template (JMeter's habit `"${x}" == "abc"`). Positions in messages count from 1.
 */
import { compileTemplate, render, templateProblem, type TVars } from "./template";

/** A compiled condition: true or false for a VU's variables. */
export type TCondition = (vars: TVars) => boolean;

type TToken =
  | { t: "op"; op: string; at: number }
  | { t: "tpl"; text: string; at: number }
  | { t: "str"; value: string; at: number }
  | { t: "num"; text: string; at: number }
  | { t: "id"; name: string; at: number }
  | { t: "end"; at: number };

const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")"];
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">=", "contains", "matches"]);
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const ESCAPES: Record<string, string> = { "\\": "\\", "'": "'", '"': '"', n: "\n", t: "\t" };

function fail(message: string, at: number): never {
  throw new Error(`${message} at ${at + 1}`);
}

function describe(tok: TToken): string {
  switch (tok.t) {
    case "op":
      return `"${tok.op}"`;
    case "tpl":
      return tok.text;
    case "str":
      return `string "${tok.value}"`;
    case "num":
      return tok.text;
    case "id":
      return `"${tok.name}"`;
    case "end":
      return "end of condition";
  }
}

function tokenize(text: string): TToken[] {
  const tokens: TToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "$" && text[i + 1] === "{") {
      let depth = 0;
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === "{") depth++;
        else if (text[j] === "}" && --depth === 0) break;
      }
      if (j >= text.length) fail('unclosed "${"', i);
      tokens.push({ t: "tpl", text: text.slice(i, j + 1), at: i });
      i = j + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = "";
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === "\\" && j + 1 < text.length) {
          const e = ESCAPES[text[j + 1]!];
          // Other backslashes stay as written, so regexes read naturally: "\d+".
          value += e ?? `\\${text[j + 1]}`;
          j++;
        } else value += text[j];
      }
      if (j >= text.length) fail("unclosed string", i);
      tokens.push({ t: "str", value, at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i));
    if (num && (c !== "-" || /\d|\./.test(text[i + 1] ?? ""))) {
      tokens.push({ t: "num", text: num[0], at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (id) {
      tokens.push({ t: "id", name: id[0], at: i });
      i += id[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ t: "op", op, at: i });
      i += op.length;
      continue;
    }
    if (c === "=") fail('unexpected "=" (compare with ==)', i);
    if (c === "&" || c === "|") fail(`unexpected "${c}" (use ${c}${c})`, i);
    fail(`unexpected "${c}"`, i);
  }
  tokens.push({ t: "end", at: text.length });
  return tokens;
}

type TComparison = "==" | "!=" | "<" | "<=" | ">" | ">=" | "contains" | "matches";

/**
 * A parsed condition. Exported so that writers of other formats (the JMX exporter) translate the
 * tree the engine compiles, and the language has one parser.
 */
export type TConditionNode =
  | { kind: "or" | "and"; parts: TConditionNode[] }
  | { kind: "not"; operand: TConditionNode }
  | { kind: "compare"; op: TComparison; left: TConditionNode; right: TConditionNode }
  /** A number, true / false, or a quoted string without `${…}`: known when parsed. */
  | { kind: "literal"; text: string }
  /**
   * A variable: a bare name (unknown: no value — "" in a comparison, false alone) or `${name}`
   * alone (unknown: `asWritten`, the text `${name}`, as the engine renders it; false alone).
   */
  | { kind: "variable"; name: string; asWritten?: string }
  /** Any other text with `${…}` (functions, several parts): rendered as a template. */
  | { kind: "template"; text: string };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: TToken[]) {}

  private peek(): TToken {
    return this.tokens[this.pos]!;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.t === "op" && t.op === op;
  }

  parse(): TConditionNode {
    if (this.peek().t === "end") fail("empty condition", 0);
    const c = this.or();
    const rest = this.peek();
    if (rest.t !== "end") fail(`unexpected ${describe(rest)}`, rest.at);
    return c;
  }

  private or(): TConditionNode {
    return this.chain("||", "or", () => this.and());
  }

  private and(): TConditionNode {
    return this.chain("&&", "and", () => this.not());
  }

  private chain(op: string, kind: "or" | "and", next: () => TConditionNode): TConditionNode {
    const first = next();
    if (!this.isOp(op)) return first;
    const parts = [first];
    while (this.isOp(op)) {
      this.pos++;
      parts.push(next());
    }
    return { kind, parts };
  }

  private not(): TConditionNode {
    if (this.isOp("!")) {
      this.pos++;
      return { kind: "not", operand: this.not() };
    }
    return this.cmp();
  }

  private cmp(): TConditionNode {
    const left = this.primary();
    const t = this.peek();
    const op = t.t === "op" ? t.op : t.t === "id" ? t.name : "";
    if (!COMPARISONS.has(op)) return left;
    this.pos++;
    const right = this.primary();
    // A literal pattern is checked now, so a bad one is a validation error with its place.
    if (op === "matches" && right.kind === "literal") compileRegex(right.text, t.at);
    return { kind: "compare", op: op as TComparison, left, right };
  }

  private primary(): TConditionNode {
    const t = this.peek();
    this.pos++;
    if (t.t === "op" && t.op === "(") {
      // A group is its content: (n) == 10 compares n; (a && b) == true compares "true"/"false".
      const inner = this.or();
      if (!this.isOp(")")) {
        const got = this.peek();
        if (got.t === "end") fail('"(" is not closed', t.at);
        fail(`unexpected ${describe(got)}`, got.at);
      }
      this.pos++;
      return inner;
    }
    if (t.t === "num") return { kind: "literal", text: t.text };
    if (t.t === "id" && (t.name === "true" || t.name === "false")) return { kind: "literal", text: t.name };
    if (t.t === "id" && !COMPARISONS.has(t.name)) return { kind: "variable", name: t.name };
    if (t.t === "str" || t.t === "tpl") {
      const text = t.t === "str" ? t.value : t.text;
      if (t.t === "tpl" || text.includes("${")) {
        const problem = templateProblem(text);
        if (problem) fail(problem, t.at);
        const single = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}$/.exec(text);
        if (single) return { kind: "variable", name: single[1]!, asWritten: text };
        if (typeof compileTemplate(text) !== "string") return { kind: "template", text };
      }
      return { kind: "literal", text };
    }
    return fail(t.t === "end" ? "expected a value" : `unexpected ${describe(t)}`, t.at);
  }
}

/** Parse a condition into its tree; throws an Error whose message says what is wrong and where. */
export function parseCondition(text: string): TConditionNode {
  return new Parser(tokenize(text)).parse();
}

/** An operand's value: a string, or undefined for an unknown variable. */
type TValue = (vars: TVars) => string | undefined;

function isFalsy(v: string | undefined): boolean {
  return v === undefined || v === "" || v === "0" || v.toLowerCase() === "false";
}

function numeric(a: string, b: string): [number, number] | null {
  return NUMBER.test(a) && NUMBER.test(b) ? [Number(a), Number(b)] : null;
}

function compare(op: string, a: string, b: string): boolean {
  const n = numeric(a, b);
  const [x, y]: [number | string, number | string] = n ?? [a, b];
  switch (op) {
    case "==":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    default:
      return x >= y;
  }
}

function compileRegex(source: string, at: number): RegExp {
  try {
    return new RegExp(`^(?:${source})$`, "s");
  } catch (e) {
    return fail(
      `matches: invalid regular expression ${JSON.stringify(source)} (${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, "")})`,
      at,
    );
  }
}

/** A node as an operand: its value. A boolean result reads "true" / "false". */
function valueOf(node: TConditionNode): TValue {
  switch (node.kind) {
    case "literal": {
      const text = node.text;
      return () => text;
    }
    case "variable": {
      const { name, asWritten } = node;
      return asWritten === undefined ? (vars) => vars.get(name) : (vars) => vars.get(name) ?? asWritten;
    }
    case "template": {
      const tpl = compileTemplate(node.text);
      return (vars) => render(tpl, vars);
    }
    default: {
      const truth = truthOf(node);
      return (vars) => String(truth(vars));
    }
  }
}

/** A node as a condition. */
function truthOf(node: TConditionNode): TCondition {
  switch (node.kind) {
    case "or": {
      const parts = node.parts.map(truthOf);
      return (vars) => parts.some((p) => p(vars));
    }
    case "and": {
      const parts = node.parts.map(truthOf);
      return (vars) => parts.every((p) => p(vars));
    }
    case "not": {
      const inner = truthOf(node.operand);
      return (vars) => !inner(vars);
    }
    case "compare":
      return comparison(node);
    case "literal":
      return isFalsy(node.text) ? () => false : () => true;
    case "variable": {
      const name = node.name;
      return (vars) => !isFalsy(vars.get(name));
    }
    case "template": {
      const value = valueOf(node);
      return (vars) => !isFalsy(value(vars));
    }
  }
}

function comparison(node: Extract<TConditionNode, { kind: "compare" }>): TCondition {
  const { op } = node;
  const left = valueOf(node.left);
  const right = valueOf(node.right);
  const l = (vars: TVars) => left(vars) ?? "";
  if (op === "contains") return (vars) => l(vars).includes(right(vars) ?? "");
  if (op === "matches") {
    if (node.right.kind === "literal") {
      const re = compileRegex(node.right.text, 0);
      return (vars) => re.test(l(vars));
    }
    // A templated pattern: compiled when it changes (a bad one never matches).
    let last: string | undefined;
    let re: RegExp | null = null;
    return (vars) => {
      const source = right(vars) ?? "";
      if (source !== last) {
        last = source;
        try {
          re = new RegExp(`^(?:${source})$`, "s");
        } catch {
          re = null;
        }
      }
      return re !== null && re.test(l(vars));
    };
  }
  return (vars) => compare(op, l(vars), right(vars) ?? "");
}

/** Compile a condition; throws an Error whose message says what is wrong and where. */
export function compileCondition(text: string): TCondition {
  return truthOf(parseCondition(text));
}

/** The problem with a condition, or null when it parses. */
export function conditionProblem(text: string): string | null {
  try {
    parseCondition(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
