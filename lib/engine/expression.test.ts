import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCondition, conditionProblem } from "./expression";
import type { TVars } from "./template";

const vars = (o: Record<string, string>): TVars => new Map(Object.entries(o));
const holds = (text: string, v: Record<string, string> = {}) => compileCondition(text)(vars(v));

describe("compileCondition", () => {
  it("compares numerically when both sides are numbers, else as strings", () => {
    expect(holds("${__status} == 200", { __status: "200" })).toBe(true);
    expect(holds("__status != 200", { __status: "404" })).toBe(true);
    expect(holds("n < 10", { n: "9" })).toBe(true); // "9" < "10" as strings is false
    expect(holds("n == 10.0", { n: "10" })).toBe(true);
    expect(holds("s < 'b'", { s: "abc" })).toBe(true);
    expect(holds("s >= 'b'", { s: "abc" })).toBe(false);
    expect(holds("s == 10", { s: "10a" })).toBe(false);
    expect(holds("-1 < 0.5 && 1e3 == 1000")).toBe(true);
  });

  it("takes JMeter's quoted templates and functions", () => {
    expect(holds('"${x}" == "abc"', { x: "abc" })).toBe(true);
    expect(holds("'${x}-${y}' == 'a-b'", { x: "a", y: "b" })).toBe(true);
    expect(holds('"${x}" == "${x}"')).toBe(true); // unknown: as written on both sides
    expect(holds("${__randomInt(1,1)} == 1")).toBe(true);
  });

  it("contains, matches (whole value, regex compiled from a literal or a variable)", () => {
    expect(holds("body contains 'ok'", { body: "all ok here" })).toBe(true);
    expect(holds("body contains 'no'", { body: "all ok" })).toBe(false);
    expect(holds("id matches '\\d{3}'", { id: "123" })).toBe(true);
    expect(holds("id matches '\\d{3}'", { id: "1234" })).toBe(false);
    expect(holds("id matches pattern", { id: "ab", pattern: "a." })).toBe(true);
    expect(holds("id matches pattern", { id: "ab", pattern: "(" })).toBe(false);
  });

  it("lone operands: false for '', 0, false and unknown variables", () => {
    for (const [v, want] of [
      ["", false],
      ["0", false],
      ["false", false],
      ["FALSE", false],
      ["1", true],
      ["no", true],
      ["true", true],
    ] as const) {
      expect(holds("flag", { flag: v })).toBe(want);
      expect(holds("${flag}", { flag: v })).toBe(want);
    }
    expect(holds("missing")).toBe(false);
    expect(holds("${missing}")).toBe(false);
    expect(holds("!missing")).toBe(true);
    expect(holds("true && !false")).toBe(true);
  });

  it("binds ! tighter than &&, && tighter than ||, groups override", () => {
    expect(holds("true || false && false")).toBe(true);
    expect(holds("(true || false) && false")).toBe(false);
    expect(holds("!a == 1", { a: "1" })).toBe(false);
    expect(holds("(n) == 10", { n: "10" })).toBe(true);
    expect(holds("(n > 1) == true", { n: "10" })).toBe(true);
  });
});

describe("conditionProblem", () => {
  it.each([
    ["${__status} == 200)", 'unexpected ")" at 19'],
    ["a == (b", '"(" is not closed at 6'],
    ["a = b", 'unexpected "=" (compare with ==) at 3'],
    ["a & b", 'unexpected "&" (use &&) at 3'],
    ["a == == b", 'unexpected "==" at 6'],
    ["a ==", "expected a value at 5"],
    ["", "empty condition at 1"],
    ["'abc", "unclosed string at 1"],
    ["${x == 1", 'unclosed "${" at 1'],
    ["a b", 'unexpected "b" at 3'],
    ["x matches '('", 'matches: invalid regular expression "(" (Unterminated group) at 3'],
  ])("%s → %s", (text, message) => {
    expect(conditionProblem(text)).toBe(message);
  });

  it("names a bad function inside a template", () => {
    expect(conditionProblem("${__nope()} == 1")).toMatch(/^unknown function __nope .* at 1$/);
    expect(conditionProblem('x == 1 && "${__randomInt(a,1)}" > 0')).toMatch(/__randomInt: min must be a whole number.* at 11$/);
  });

  it("never executes code", () => {
    // Whatever the text, compiling only parses: no identifier is looked up outside the variables.
    expect(conditionProblem("process.exit(1)")).toBe('unexpected "(" at 13');
    expect(holds("constructor", {})).toBe(false);
    expect(holds("__proto__ == ''", {})).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: random expressions printed as text evaluate as an independent tree evaluator says.

type TNode =
  | { k: "var"; name: string }
  | { k: "num"; n: string }
  | { k: "str"; s: string }
  | { k: "cmp"; op: string; a: TNode; b: TNode }
  | { k: "not"; a: TNode }
  | { k: "and" | "or"; a: TNode; b: TNode };

const VALUES = ["", "0", "1", "10", "9", "2.5", "abc", "ab", "false", "true"];
const NAMES = ["a", "b", "c", "unknown"];

const operand: fc.Arbitrary<TNode> = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => ({ k: "var" as const, name })),
  fc.constantFrom("0", "1", "10", "9", "2.5", "-3").map((n) => ({ k: "num" as const, n })),
  fc.constantFrom("", "abc", "a", "1", "10", "b c").map((s) => ({ k: "str" as const, s })),
);
const cmp = fc.record({
  k: fc.constant("cmp" as const),
  op: fc.constantFrom("==", "!=", "<", "<=", ">", ">=", "contains"),
  a: operand,
  b: operand,
});
const { tree } = fc.letrec<{ tree: TNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    operand,
    cmp,
    fc.record({ k: fc.constant("not" as const), a: tie("tree") }),
    fc.record({ k: fc.constantFrom("and" as const, "or" as const), a: tie("tree"), b: tie("tree") }),
  ),
}));

const PRECEDENCE = { or: 1, and: 2, not: 3, cmp: 4, var: 5, num: 5, str: 5 } as const;

function print(n: TNode, parentPrecedence = 0): string {
  const p = PRECEDENCE[n.k];
  let text: string;
  switch (n.k) {
    case "var":
      return n.name;
    case "num":
      return n.n;
    case "str":
      return JSON.stringify(n.s);
    case "cmp":
      text = `${print(n.a, 5)} ${n.op} ${print(n.b, 5)}`;
      break;
    case "not":
      text = `!${print(n.a, 3)}`;
      break;
    default:
      // Left-associative: a right child of the same operator needs parentheses only to keep the tree's shape.
      text = `${print(n.a, p)} ${n.k === "and" ? "&&" : "||"} ${print(n.b, p + 0.5)}`;
  }
  return p < parentPrecedence || (p === parentPrecedence && n.k === "cmp") ? `(${text})` : text;
}

function oracleValue(n: TNode, v: Record<string, string>): string | undefined {
  if (n.k === "var") return v[n.name];
  if (n.k === "num") return n.n;
  if (n.k === "str") return n.s;
  return String(oracle(n, v));
}

function oracle(n: TNode, v: Record<string, string>): boolean {
  switch (n.k) {
    case "var":
    case "num":
    case "str": {
      const x = oracleValue(n, v);
      return !(x === undefined || x === "" || x === "0" || x.toLowerCase() === "false");
    }
    case "not":
      return !oracle(n.a, v);
    case "and":
      return oracle(n.a, v) && oracle(n.b, v);
    case "or":
      return oracle(n.a, v) || oracle(n.b, v);
    case "cmp": {
      const a = oracleValue(n.a, v) ?? "";
      const b = oracleValue(n.b, v) ?? "";
      if (n.op === "contains") return a.includes(b);
      const isNum = (s: string) => s.trim() !== "" && !Number.isNaN(Number(s)) && /^[-\d.]+$/.test(s.trim());
      const [x, y] = isNum(a) && isNum(b) ? [Number(a), Number(b)] : [a, b];
      return { "==": x === y, "!=": x !== y, "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y }[n.op]!;
    }
  }
}

describe("property: parser and evaluator agree with a tree evaluator", () => {
  it("for random expressions and variable values", () => {
    fc.assert(
      fc.property(
        tree,
        fc.record({ a: fc.constantFrom(...VALUES), b: fc.constantFrom(...VALUES), c: fc.constantFrom(...VALUES) }),
        (n, v) => {
          const text = print(n);
          expect(compileCondition(text)(vars(v)), text).toBe(oracle(n, v));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("property: any text either compiles or gives a positioned message", () => {
  it("never throws anything but a message ending in a position", () => {
    const piece = fc.constantFrom(
      "a",
      " ",
      "==",
      "=",
      "!",
      "&&",
      "||",
      "&",
      "(",
      ")",
      "'",
      '"',
      "\\",
      "${",
      "}",
      "${a}",
      "1",
      "-",
      ".5",
      "contains",
      "matches",
      "'(",
      "true",
      "${__uuid()}",
      "${__foo()}",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        const problem = conditionProblem(text);
        if (problem === null) expect(typeof compileCondition(text)(vars({ a: "1" }))).toBe("boolean");
        else expect(problem).toMatch(/ at \d+$/);
      }),
      { numRuns: 5000 },
    );
  });
});
