import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  compileJsonTemplate,
  compileTemplate,
  launchParameterDefaults,
  render,
  renderJson,
  requiredLaunchParameters,
  templateProblem,
  type TTemplateRuntime,
  type TVars,
} from "./template";
import { compileTimeFormat } from "./template-time";

function runtime(over: Partial<TTemplateRuntime> = {}): TTemplateRuntime {
  let vu = 0;
  let run = 100;
  return {
    random: Math.random,
    nowMs: Date.now,
    nextVuCounter: () => ++vu,
    nextRunCounter: () => ++run,
    env: () => undefined,
    param: () => undefined,
    ...over,
  };
}

function vars(entries: [string, string][] = [], rt?: TTemplateRuntime): TVars {
  const v: TVars = new Map(entries);
  if (rt) v.runtime = rt;
  return v;
}

const r = (text: string, v: TVars = vars()) => render(compileTemplate(text), v);

describe("compileTemplate: plain strings and variables", () => {
  it("keeps static strings constant and variable templates one closure", () => {
    expect(compileTemplate("/static")).toBe("/static");
    expect(compileTemplate("a ${ b} $x {y}")).toBe("a ${ b} $x {y}");
    const t = compileTemplate("u${vu}-${token}-${nope}");
    expect(typeof t).toBe("function");
    expect(
      render(
        t,
        vars([
          ["vu", "3"],
          ["token", "abc"],
        ]),
      ),
    ).toBe("u3-abc-${nope}");
    expect(
      r(
        "${__vu}/${__iteration}/${__status}",
        vars([
          ["__vu", "1"],
          ["__iteration", "4"],
          ["__status", "204"],
        ]),
      ),
    ).toBe("1/4/204");
  });
});

describe("functions", () => {
  it("__uuid gives distinct v4 UUIDs", () => {
    const t = compileTemplate("${__uuid()}");
    const seen = new Set(Array.from({ length: 1000 }, () => render(t, vars())));
    expect(seen.size).toBe(1000);
    for (const u of seen) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("__randomInt covers both bounds and nothing else, also with a templated bound", () => {
    const t = compileTemplate("${__randomInt(3,${max})}");
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(render(t, vars([["max", "6"]])));
    expect([...seen].sort()).toEqual(["3", "4", "5", "6"]);
    // A seeded runtime picks by its random(): 0 → min, 0.999… → max.
    expect(r("${__randomInt(-5,5)}", vars([], runtime({ random: () => 0 })))).toBe("-5");
    expect(r("${__randomInt(-5,5)}", vars([], runtime({ random: () => 0.9999 })))).toBe("5");
    expect(r("${__randomInt(1,${max})}", vars([["max", "x"]]))).toBe("");
  });

  it("__randomString has the length and alphabet asked for", () => {
    expect(r("${__randomString(12)}")).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(r("${__randomString(20,ab)}")).toMatch(/^[ab]{20}$/);
    expect(r("${__randomString(0)}")).toBe("");
    expect(r("${__randomString(5,\\,)}")).toBe(",,,,,");
  });

  it("__time: epoch ms, /1000 seconds, formats in local time", () => {
    const at = new Date(2024, 1, 3, 4, 5, 6, 7).getTime(); // 2024-02-03 04:05:06.007 local
    const v = vars([], runtime({ nowMs: () => at }));
    expect(r("${__time()}", v)).toBe(String(at));
    expect(r("${__time(/1000)}", v)).toBe(String(Math.floor(at / 1000)));
    expect(r("${__time(yyyy-MM-dd'T'HH:mm:ss.SSS)}", v)).toBe("2024-02-03T04:05:06.007");
    expect(r("${__time(yy/M/d h:m:s a)}", v)).toBe("24/2/3 4:5:6 AM");
    expect(r("${__time(EEE d MMM yyyy 'at' hh 'o''clock')}", v)).toBe("Sat 3 Feb 2024 at 04 o'clock");
    const pm = vars([], runtime({ nowMs: () => new Date(2024, 11, 31, 23, 0, 0, 0).getTime() }));
    expect(r("${__time(hh a MMMM EEEE)}", pm)).toBe("11 PM December Tuesday");
    const tz = -new Date(at).getTimezoneOffset();
    expect(compileTimeFormat("XXX")(at)).toMatch(tz === 0 ? /^Z$/ : /^[+-]\d\d:\d\d$/);
    expect(compileTimeFormat("X|XX")(at)).toMatch(tz === 0 ? /^Z\|Z$/ : /^[+-]\d\d\|[+-]\d{4}$/);
    expect(compileTimeFormat("Z")(at)).toMatch(/^[+-]\d{4}$/);
    const fmt = compileTemplate("${__time(${f})}");
    expect(render(fmt, vars([["f", "yyyy"]], runtime({ nowMs: () => at })))).toBe("2024");
    expect(render(fmt, vars([["f", "QQ"]], runtime({ nowMs: () => at })))).toBe("");
    expect(render(fmt, vars([["f", "dd.MM"]], runtime({ nowMs: () => at })))).toBe("03.02");
    const now = Number(r("${__time()}"));
    expect(Math.abs(now - Date.now())).toBeLessThan(1000);
  });

  it("__time formats in the process's local time zone (offsets as Java writes them)", () => {
    const saved = process.env.TZ;
    process.env.TZ = "America/St_Johns"; // UTC−03:30 in January: a zone with minutes
    try {
      const v = vars([], runtime({ nowMs: () => Date.UTC(2024, 0, 1, 12, 0, 0, 0) }));
      expect(r("${__time(yyyy-MM-dd HH:mm Z X XX XXX)}", v)).toBe("2024-01-01 08:30 -0330 -03 -0330 -03:30");
      process.env.TZ = "UTC";
      expect(r("${__time(HH:mm Z X XXX)}", v)).toBe("12:00 +0000 Z Z");
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("__counter counts per VU and run-wide; without a runtime it is 1", () => {
    const rt = runtime();
    const v = vars([], rt);
    const t = compileTemplate("${__counter()}-${__counter(vu)}-${__counter(run)}-${__counter(TRUE)}-${__counter(FALSE)}");
    expect(render(t, v)).toBe("1-2-101-3-102");
    expect(render(t, v)).toBe("4-5-103-6-104");
    expect(r("${__counter()}")).toBe("1");
  });

  it("__env and __P read the runtime, else the default, else empty", () => {
    const rt = runtime({ env: (n) => (n === "HOME_X" ? "/h" : undefined), param: (n) => (n === "host" ? "127.0.0.2" : undefined) });
    const v = vars([["d", "dflt"]], rt);
    expect(r("${__env(HOME_X)}|${__env(NOPE,${d})}|${__env(NOPE)}", v)).toBe("/h|dflt|");
    expect(r("${__P(host,x)}|${__P(port,18\\,080)}|${__P(port)}", v)).toBe("127.0.0.2|18,080|");
    expect(r("${__P(host,localhost)}")).toBe("localhost");
  });

  it("nests calls in arguments and keeps literal parentheses", () => {
    const v = vars([], runtime({ param: (n) => (n === "n" ? "4" : undefined) }));
    expect(r("${__randomString(${__P(n,9)},x)}", v)).toBe("xxxx");
    expect(r("(${__P(a,b(c)d)})", v)).toBe("(b(c)d)");
    expect(r("${__P(a,b\\(c)}|${__P(a,c\\))}", v)).toBe("b(c|c)");
    expect(r("${__P(a,x,y)}")).toBe("${__P(a,x,y)}"); // three arguments: refused by validation, rendered as written
  });
});

describe("templateProblem", () => {
  it.each([
    ["${__foo()}", /^unknown function __foo \(known: __uuid, __randomInt, __randomString, __time, __counter, __env, __P\)$/],
    ["a ${__uuid(1)}", /__uuid takes 0 arguments \(__uuid\(\)\), got 1/],
    ["${__randomInt(1)}", /__randomInt takes 2 arguments \(__randomInt\(min,max\)\), got 1/],
    ["${__randomInt(a,2)}", /__randomInt: min must be a whole number, got "a"/],
    ["${__randomInt(1,2.5)}", /__randomInt: max must be a whole number/],
    ["${__randomString(-1)}", /__randomString: length must be ≥ 0/],
    ["${__time(yyyy-QQ)}", /unsupported letter Q at 6/],
    ["${__time('open)}", /unclosed quote/],
    ["${__counter(thread)}", /the scope is vu or run/],
    ["${__P()}", /__P takes 1 to 2 arguments/],
    ["x${__randomInt(1,${__bar()})}", /unknown function __bar/],
    ["/a/${__uuid(", /__uuid\( at 4 has no closing "\)}"/],
    ["${__time(x-y${})}", /unsupported letter x at 1/], // "${}" is no variable: the format is literal
  ])("%s", (text, message) => {
    expect(templateProblem(text)).toMatch(message);
  });

  it("accepts variables (known or not), templated arguments and plain text", () => {
    for (const ok of [
      "plain",
      "${nope}",
      "${__randomInt(1,${max})}",
      "${__time(/1000)}",
      "${__P(host,127.0.0.1)}:${__env(PORT,80)}",
      "$ {x}",
      "${}",
    ])
      expect(templateProblem(ok)).toBeNull();
  });
});

describe("JSON templates", () => {
  it("compileJsonTemplate renders fresh values and returns untemplated values as they are", () => {
    const value = { user: "u${vu}", n: 1, list: ["${token}", true, null], nested: { id: "${__counter()}" } };
    const f = compileJsonTemplate(value);
    const v = vars(
      [
        ["vu", "3"],
        ["token", "abc"],
      ],
      runtime(),
    );
    expect(f(v)).toEqual({ user: "u3", n: 1, list: ["abc", true, null], nested: { id: "1" } });
    expect(f(v)).toEqual({ user: "u3", n: 1, list: ["abc", true, null], nested: { id: "2" } });
    const fixed = { a: [1, "b"] };
    expect(compileJsonTemplate(fixed)(v)).toBe(fixed);
    expect(renderJson({ user: "u${vu}", list: ["${token}"] }, v)).toEqual({ user: "u3", list: ["abc"] });
  });
});

describe("launch parameters", () => {
  const scenario = {
    baseUrl: "http://${__P(host,127.0.0.1)}:${__P(port)}",
    steps: [{ request: { path: "/x/${__randomInt(1,${__P(max)})}", headers: { a: "${__P(token)}", b: "${__P(host,other)}" } } }],
    end: [{ request: { path: "/${__P(port,80)}" } }],
  };
  it("lists the required ones (no default anywhere) sorted and unique", () => {
    expect(requiredLaunchParameters(scenario)).toEqual(["max", "port", "token"]);
    expect(requiredLaunchParameters({ a: "${__P(name,x)}" })).toEqual([]);
  });
  it("gives the first default per name", () => {
    expect(launchParameterDefaults(scenario)).toEqual({ host: "127.0.0.1", port: "80" });
  });
});

describe("property: robustness and the variable-only path", () => {
  // The renderer before function calls existed: the oracle for strings without calls.
  const VAR = /\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;
  const oldRender = (text: string, v: Map<string, string>) => text.replace(VAR, (whole, name: string) => v.get(name) ?? whole);
  const piece = fc.constantFrom(
    "a",
    "/",
    " ",
    "$",
    "{",
    "}",
    "${",
    "${a}",
    "${b.c}",
    "${nope}",
    "${ a}",
    "${}",
    "(",
    ")",
    ",",
    "\\",
    "x-y",
  );

  it("renders strings without calls exactly as the variable-only renderer did", () => {
    const v = vars([
      ["a", "1"],
      ["b.c", "2"],
    ]);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join("");
        expect(r(text, v)).toBe(oldRender(text, v));
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on arbitrary text with calls, and a text without problems renders without leftovers of valid calls", () => {
    const callish = fc.constantFrom(
      "${__uuid()}",
      "${__P(",
      "${__P(x,",
      ")}",
      "${__randomInt(1,",
      "${__time(",
      "'",
      "\\,",
      "${__counter(run)}",
      "${__foo(",
      "yyyy",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, callish), { maxLength: 10 }), (parts) => {
        const text = parts.join("");
        const problem = templateProblem(text);
        const out = r(text, vars([["a", "1"]], runtime()));
        expect(typeof out).toBe("string");
        if (problem === null) expect(out).not.toMatch(/\$\{__(uuid|counter)\(/);
      }),
      { numRuns: 3000 },
    );
  });
});
