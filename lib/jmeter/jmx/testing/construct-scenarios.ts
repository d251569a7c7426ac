/**
 * Scenarios using every construct with a JMeter counterpart, for the export tests: each one ends
 * by itself (fixed iterations) and sends load to the count target only (`${port}`, set at launch).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { applyOverrides, parseScenario, ZScenario, type TScenario, type TScenarioInput } from "../../../engine/scenario";

const scenario = (s: TScenarioInput): TScenario => ZScenario.parse(s);

/** init/end, cookies, loops, if/else on __status, forEach, while with a guard, multipart, functions. */
export const SHOP = scenario({
  name: "shop",
  baseUrl: "http://${host}:${port}",
  variables: { host: "127.0.0.1", port: "1", who: "u" },
  load: { vus: 2, iterations: 3 },
  init: [{ request: { name: "login", method: "POST", path: "/session", form: { user: "${who}${__vu}" } } }],
  steps: [
    { request: { name: "me", path: "/me", expect: { status: 200, maxMs: 5000 } } },
    {
      loop: {
        count: 3,
        steps: [{ request: { name: "item", path: "/item/${__counter()}", query: { uuid: "${__uuid()}", it: "${__iteration}" } } }],
      },
    },
    // if/else inside a loop (exported as a Switch Controller): numeric comparison of an extracted value.
    {
      loop: {
        count: 4,
        steps: [
          { request: { name: "echo", path: "/echo/${__randomInt(1,12)}", extract: { n: { regex: "n=(\\d+)" } } } },
          {
            if: {
              condition: "${n} >= 5",
              then: [{ request: { name: "big", path: "/big" } }],
              else: [{ request: { name: "small", path: "/small" } }],
            },
          },
        ],
      },
    },
    { request: { name: "missing", path: "/status/404", expect: { status: 404 } } },
    {
      if: {
        condition: "${__status} == 404",
        then: [{ request: { name: "saw 404", path: "/saw404" } }],
        else: [{ request: { name: "no 404", path: "/no404" } }],
      },
    },
    {
      if: {
        condition: "${__status} == 200 && '${who}' matches 'u|v'",
        then: [{ request: { name: "ok", path: "/ok" } }],
        else: [{ request: { name: "retry", path: "/retry" } }],
      },
    },
    {
      request: {
        name: "ids",
        path: "/ids",
        extract: { ids: { regex: "id=(\\d+)", match: -1 }, none: { regex: "nothing=(\\d+)", default: "none-found" } },
      },
    },
    { if: { condition: "${none} == 'none-found'", then: [{ request: { name: "default seen", path: "/default-seen" } }] } },
    { forEach: { list: "ids", as: "id", steps: [{ request: { name: "each", path: "/each/${id}", query: { none: "${none}" } } }] } },
    {
      loop: {
        while: "${ids_matchNr} > 2 && !(${ids_1} contains 'x')",
        maxIterations: 4,
        steps: [{ request: { name: "while", path: "/while" } }],
      },
    },
    {
      request: {
        name: "upload",
        method: "POST",
        path: "/upload",
        multipart: {
          fields: { note: "hi" },
          files: [{ field: "doc", filename: "hello.txt", contentType: "text/plain", content: "hello file" }],
        },
      },
    },
    {
      request: {
        name: "functions",
        path: "/functions",
        query: {
          env: "${__env(MP_EXPORT_ENV,unset)}",
          p: "${__P(flavour,plain)}",
          r: "${__randomInt(5,9)}",
          s: "${__randomString(6)}",
          t: "${__time()}",
          d: "${__time(yyyy-MM-dd)}",
          run: "${__counter(run)}",
        },
      },
    },
  ],
  end: [{ request: { name: "logout", method: "POST", path: "/logout" } }],
});

/** Weighted choice: 2,000 passes over 60 / 30 / 10 (the last branch does nothing). */
export const CHOOSE = scenario({
  name: "choose",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1" },
  load: { vus: 1, iterations: 1 },
  steps: [
    {
      loop: {
        count: 2000,
        steps: [
          {
            choose: [
              { weight: 60, steps: [{ request: { name: "a", path: "/a" } }] },
              { weight: 30, steps: [{ request: { name: "b", path: "/b" } }] },
              { weight: 10, steps: [] },
            ],
          },
        ],
      },
    },
  ],
});

/** Pacing every 0.5 s, no cookie jar. */
export const PACED = scenario({
  name: "paced",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1" },
  cookies: false,
  pacing: { everySeconds: 0.5 },
  load: { vus: 1, iterations: 8 },
  steps: [
    { request: { name: "paced login", method: "POST", path: "/session", form: { user: "paced" } } },
    { request: { name: "paced me", path: "/me", expect: { status: 401 } } },
  ],
});

/** Pacing at random intervals of 0.2–0.4 s. */
export const RANDOM_PACED = scenario({
  name: "random paced",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1" },
  pacing: { min: 0.2, max: 0.4 },
  load: { vus: 1, iterations: 8 },
  steps: [{ request: { name: "random paced", path: "/random-paced" } }],
});

/**
 * A run of 5 s with end steps: each thread logs out once the duration is over. (JMeter counts the
 * duration from the thread group's start, which on a cold JVM comes a second or more before the
 * first sample.)
 */
export const TIMED = scenario({
  name: "timed",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1" },
  load: { vus: 2, durationSeconds: 5, gracefulStopSeconds: 3 },
  init: [{ request: { name: "timed login", method: "POST", path: "/session", form: { user: "timed${__vu}" } } }],
  steps: [{ request: { name: "timed step", path: "/timed/step" } }, { think: { seconds: 0.3 } }],
  end: [{ request: { name: "timed logout", method: "POST", path: "/timed/logout" } }],
});

/** A jar cleared each iteration, 0.3 s after each iteration. */
export const CLEARED = scenario({
  name: "cleared",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1" },
  cookies: { clearEachIteration: true },
  pacing: { afterSeconds: 0.3 },
  load: { vus: 1, iterations: 3 },
  steps: [
    { request: { name: "cleared me before", path: "/cleared/me" } },
    { request: { name: "cleared login", method: "POST", path: "/session", form: { user: "cleared" } } },
    { request: { name: "cleared me after", path: "/me", expect: { status: 200 } } },
  ],
});

/** Variables the condition table runs with (and `__status` 201, from the request before each condition). */
export const CONDITION_VARS = { n: "10", s: "abc", e: "", z: "0", f: "False", neg: "-2.5", sp: " 12 ", q: "it's" };

/** Conditions whose JMeter verdicts the tests compare with the engine's (compileCondition). */
export const CONDITIONS = [
  "${n} > 9",
  "${n} < 9.5",
  "${n} > 10",
  "${s} == 'abc'",
  '"${s}" != "abd"',
  "${s} != 'abc'",
  "${s} contains 'b'",
  "${s} matches 'a.c'",
  "${s} matches 'b'",
  "${e}",
  "${z} || ${f}",
  "!${missing}",
  "${missing} == '${missing}'",
  "missing == ''",
  "__status == 201 && (${neg} < -2 || false)",
  "(${n}) == 10.0",
  "(${s} == 'abc') == true",
  "${sp} == 12",
  "'a\\'b' contains \"'\"",
  "${s} > 'abb'",
  "n >= 10 && !(s contains 'x')",
  "'x${s}y' == 'xabcy'",
  '${q} == "it\'s"',
  "${q} matches 'it.s' && ${s} matches '(a|b)+c'",
];

const conditionSteps = (prefix: string) =>
  CONDITIONS.flatMap((condition, i) => [
    { request: { name: `${prefix} status`, path: "/status/201" } },
    {
      if: {
        condition,
        then: [{ request: { name: `${prefix} then`, path: `/${prefix}/${i}/then` } }],
        else: [{ request: { name: `${prefix} else`, path: `/${prefix}/${i}/else` } }],
      },
    },
  ]);

/** The condition table at the top level and inside a loop of two passes. */
export const CONDITION_TABLE = scenario({
  name: "conditions",
  baseUrl: "http://127.0.0.1:${port}",
  variables: { port: "1", ...CONDITION_VARS },
  load: { vus: 1, iterations: 1 },
  steps: [...conditionSteps("top"), { loop: { count: 2, steps: conditionSteps("inloop") } }],
});

/**
 * The issue's example (lib/engine/examples/shop.yaml) as written, launched smaller: 2 VUs for 5 s,
 * its users named ex1, ex2 (launch parameter prefix); its port comes from -Jport as for the others
 * (User Defined Variables are global in a JMeter plan: no other scenario here defines prefix).
 */
export const ISSUE_EXAMPLE: TScenario = (() => {
  const parsed = parseScenario(readFileSync(path.join(import.meta.dirname, "../../../engine/examples/shop.yaml"), "utf8"), "yaml");
  if (!parsed.ok) throw new Error(`shop.yaml: ${JSON.stringify(parsed.errors)}`);
  return { ...applyOverrides(parsed.scenario, { vus: 2, durationSeconds: 5, variables: { prefix: "ex" } }), name: "example" };
})();
