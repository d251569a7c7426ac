import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { planVuCurve } from "@/lib/engine/scenario";
import {
  chartPoints,
  importScenarioText,
  issuesByPath,
  newEditorState,
  newStep,
  serialiseDocument,
  setLoadModel,
  toDocument,
  toEditorState,
  validateEditorState,
  validLoad,
  type TEditorState,
  type TEditorStep,
} from "./editor-state";
import {
  duplicateStep,
  getStep,
  insertStep,
  moveStep,
  nestStep,
  nestTarget,
  removeStep,
  stepIdOfIssue,
  stepPathOfIssue,
  stepPathString,
  unnestStep,
  updateStep,
} from "./step-tree";

const VOTE_YAML = readFileSync(path.resolve(import.meta.dirname, "../../../../lib/engine/examples/vote.yaml"), "utf8");

/** A document touching every field the editor shows and several it only carries. */
const KITCHEN_SINK = {
  name: "kitchen sink",
  module: "dating压测",
  baseUrl: "https://example.test/api",
  headers: { "x-team": "qa" },
  variables: { tenant: "t1", retries: 3, verbose: false },
  load: { vus: 100, rampUpSeconds: 60, durationSeconds: 3600, rampDownSeconds: 30, gracefulStopSeconds: 5 },
  data: { csv: "user,pass\nu1,p1\n", mode: "unique" },
  steps: [
    {
      request: {
        name: "login",
        method: "post",
        path: "/login",
        query: { lang: "en", page: 2, debug: true },
        headers: { "Content-Type": "application/json", Accept: "*/*" },
        json: { user: "${user}", pass: "${pass}", nested: { a: [1, 2, { b: null }] }, n: 1.5 },
        timeoutSeconds: 15,
        extract: { token: { json: "$.token" }, sid: { regex: "sid=(\\w+)", group: 1 }, loc: { header: "Location" } },
        expect: {
          status: [200, 201],
          bodyContains: "ok",
          bodyNotContains: "error",
          json: { "$.ok": true, "$.count": 3, "$.who": "me" },
          variables: { token: { matches: "^t-", notEquals: "" }, user: { equals: "${user}" } },
        },
      },
    },
    { request: { path: "/form", method: "PUT", form: { a: "1", b: 2 } } },
    { request: { path: "/raw", body: "hello ${user}", expect: { status: [204] } } },
    { think: { min: 0.2, max: 1 } },
    { rendezvous: { name: "rv_all", policy: { runningVusersPercent: 50 }, timeoutSeconds: 10 } },
    { rendezvous: { name: "rv_default" } },
    {
      transaction: {
        name: "outer",
        steps: [{ think: { seconds: 0 } }, { transaction: { name: "inner", steps: [{ request: { path: "/deep", expect: {} } }] } }],
      },
    },
  ],
  thresholds: [
    { metric: "p95Ms", max: 500 },
    { label: "login", metric: "errorPct", max: 1 },
  ],
};

/** Child list key of a transaction, for step paths. */
const T = "transaction.steps";

function roundTrip(doc: unknown): unknown {
  return toDocument(toEditorState(doc)).document;
}

function names(steps: TEditorStep[]): string[] {
  return steps.map((s) => {
    switch (s.kind) {
      case "request":
        return s.request.name || s.request.path;
      case "rendezvous":
        return `rv:${s.rendezvous.name}`;
      case "think":
        return "think";
      case "transaction":
        return `txn:${s.transaction.name}[${names(s.transaction.steps).join(",")}]`;
      case "loop":
        return `loop:${s.loop.mode === "count" ? s.loop.count : s.loop.while}[${names(s.loop.steps).join(",")}]`;
      case "forEach":
        return `forEach:${s.forEach.as}[${names(s.forEach.steps).join(",")}]`;
      case "if":
        return `if[${names(s.if.then).join(",")}]${s.if.else ? `else[${names(s.if.else).join(",")}]` : ""}`;
      case "choose":
        return `choose${s.choose.map((b) => `${b.weight}[${names(b.steps).join(",")}]`).join("")}`;
      case "raw":
        return "raw";
    }
  });
}

function stateOf(doc: unknown): TEditorState {
  return toEditorState(structuredClone(doc));
}

describe("round trip: document → editor state → document", () => {
  it("gives back the example file's document exactly (no defaults filled in)", () => {
    const doc = parseYaml(VOTE_YAML);
    expect(roundTrip(doc)).toEqual(doc);
  });

  it("is exact for a document using every field, typed query values and unknown keys", () => {
    expect(roundTrip(structuredClone(KITCHEN_SINK))).toEqual(KITCHEN_SINK);
  });

  it("keeps followRedirects as written: absent stays absent, false round-trips, unticking writes false", () => {
    const doc = {
      name: "r",
      baseUrl: "http://127.0.0.1:1",
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/a" } }, { request: { path: "/b", followRedirects: false } }],
    };
    expect(roundTrip(structuredClone(doc))).toEqual(doc);
    const s = stateOf(doc);
    const next = updateStep(s, ["steps", 0], (x) =>
      x.kind === "request" ? { ...x, request: { ...x.request, followRedirects: false } } : x,
    );
    const out = toDocument(next).document as typeof doc;
    expect(out.steps[0]).toEqual({ request: { path: "/a", followRedirects: false } });
  });

  it("keeps the open model and keys the editor has no field for", () => {
    const doc = {
      name: "open",
      baseUrl: "http://127.0.0.1:1",
      load: { arrivalRate: { perSecond: 50, durationSeconds: 600, maxVus: 200 }, gracefulStopSeconds: 0 },
      steps: [{ request: { path: "/" } }],
      futureKey: { anything: [1] },
    };
    expect(roundTrip(doc)).toEqual(doc);
  });

  it("keeps invalid values as written so the schema can point at them", () => {
    const doc = {
      name: "bad",
      baseUrl: "ftp://x",
      load: { vus: "many", durationSeconds: -1 },
      steps: [{ request: { path: "/", method: "FETCH", timeoutSeconds: "soon" } }, { sleep: 1 }, 42],
    };
    expect(roundTrip(doc)).toEqual(doc);
    const v = validateEditorState(toEditorState(doc));
    const paths = v.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["baseUrl", "load.vus", "load.durationSeconds", "steps.0.request.method", "steps.1", "steps.2"]),
    );
  });

  it("exports YAML and JSON that import back to the same document", () => {
    const doc = structuredClone(KITCHEN_SINK);
    for (const format of ["yaml", "json"] as const) {
      const text = serialiseDocument(toDocument(toEditorState(doc)).document, format);
      const imported = importScenarioText(text, format);
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      expect(imported.document).toEqual(doc);
      expect(toDocument(imported.state).document).toEqual(doc);
    }
  });

  it("refuses text that is not a scenario object, with a readable reason", () => {
    const bad = importScenarioText("name: [unclosed", "yaml");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]?.message).toMatch(/^not valid YAML/);
    const list = importScenarioText("[1, 2]", "json");
    expect(list.ok).toBe(false);
  });

  it("keeps a typed value while its text is unchanged, and reads edited text", () => {
    const state = stateOf(KITCHEN_SINK);
    const edited = updateStep(state, ["steps", 0], (s) => {
      if (s.kind !== "request" || !s.request.expect?.json || !s.request.query) return s;
      const json = s.request.expect.json.map((p) =>
        p.key === "$.count" ? { ...p, value: "4" } : p.key === "$.who" ? { ...p, value: "you" } : p,
      );
      const query = s.request.query.map((p) => (p.key === "page" ? { ...p, value: "3" } : p));
      return { ...s, request: { ...s.request, query, expect: { ...s.request.expect, json, status: "200" } } };
    });
    const doc = toDocument(edited).document as typeof KITCHEN_SINK;
    const req = doc.steps[0] as { request: { query: unknown; expect: { json: unknown; status: unknown } } };
    expect(req.request.expect.json).toEqual({ "$.ok": true, "$.count": 4, "$.who": "you" });
    expect(req.request.expect.status).toBe(200);
    // Query values are text once edited (the engine URL-encodes either way).
    expect(req.request.query).toEqual({ lang: "en", page: "3", debug: true });
  });

  it("shows expect.variables as one row per check, and writes edited rows back (a nameless row is an issue)", () => {
    const state = stateOf(KITCHEN_SINK);
    const first = state.steps[0]!;
    expect(first.kind === "request" && first.request.expect?.variables).toEqual([
      { name: "token", check: "matches", value: "^t-" },
      { name: "token", check: "notEquals", value: "" },
      { name: "user", check: "equals", value: "${user}" },
    ]);
    expect(first.kind === "request" && first.request.expect?.extra).toEqual({});
    const edit = (rows: { name: string; check: "contains" | "notMatches" | "equals"; value: string }[]) =>
      toDocument(
        updateStep(state, ["steps", 0], (s) =>
          s.kind !== "request" || !s.request.expect
            ? s
            : { ...s, request: { ...s.request, expect: { ...s.request.expect, variables: rows } } },
        ),
      );
    const edited = edit([
      { name: "token", check: "contains", value: "t" },
      { name: "token", check: "notMatches", value: "x" },
      { name: "id", check: "equals", value: "7" },
    ]);
    expect((edited.document.steps as { request: { expect: unknown } }[])[0]!.request.expect).toMatchObject({
      variables: { token: { contains: "t", notMatches: "x" }, id: { equals: "7" } },
    });
    expect(edited.localIssues).toEqual([]);
    expect(edit([{ name: "", check: "equals", value: "7" }]).localIssues).toEqual([
      { path: "steps.0.request.expect.variables", message: "enter a variable name for every check" },
    ]);
    // A shape the rows cannot show rides along unchanged.
    const odd = { ...KITCHEN_SINK, steps: [{ request: { path: "/a", expect: { variables: { a: { equals: 1 } } } } }] };
    expect(roundTrip(structuredClone(odd))).toEqual(odd);
  });
});

describe("step tree operations", () => {
  const base = () => stateOf(parseYaml(VOTE_YAML));

  it("moves steps up and down among siblings, and not past either end", () => {
    const s = base();
    expect(names(s.steps)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky]", "think"]);
    const up = moveStep(s, ["steps", 1], -1);
    expect(names(up.steps)).toEqual(["rv:vote_rv", "login", "txn:vote_txn[fast,flaky]", "think"]);
    expect(moveStep(up, ["steps", 0], -1)).toBe(up);
    expect(names(moveStep(s, ["steps", 2, T, 0], 1).steps)).toContain("txn:vote_txn[flaky,fast]");
    expect(moveStep(s, ["steps", 2, T, 1], 1).steps[2]).toBe(s.steps[2]);
  });

  it("adds, duplicates and removes steps at any depth with fresh ids", () => {
    const s = base();
    const added = insertStep(s, ["steps", 2, T], newStep("think"), 1);
    expect(added.path).toEqual(["steps", 2, T, 1]);
    expect(names(added.tree.steps)[2]).toBe("txn:vote_txn[fast,think,flaky]");
    const dup = duplicateStep(s, ["steps", 2]);
    expect(names(dup.steps)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky]", "txn:vote_txn[fast,flaky]", "think"]);
    const ids = new Set<string>();
    const collect = (steps: TEditorStep[]) =>
      steps.forEach((x) => (ids.add(x.id), x.kind === "transaction" && collect(x.transaction.steps)));
    collect(dup.steps);
    expect(ids.size).toBe(9);
    expect(names(removeStep(s, ["steps", 2, T, 0]).steps)[2]).toBe("txn:vote_txn[flaky]");
    // Untouched branches are shared (cheap re-renders).
    expect(removeStep(s, ["steps", 2, T, 0]).steps[0]).toBe(s.steps[0]);
  });

  it("moves a rendezvous into the next transaction (first) and back out (same place)", () => {
    const s = base();
    expect(nestTarget(s, ["steps", 1])).toMatchObject({ containerPath: ["steps", 2], listPath: ["steps", 2, T], position: "first" });
    const nested = nestStep(s, ["steps", 1]);
    expect(nested.path).toEqual(["steps", 1, T, 0]);
    expect(names(nested.tree.steps)).toEqual(["login", "txn:vote_txn[rv:vote_rv,fast,flaky]", "think"]);
    const warned = validateEditorState(nested.tree);
    expect(warned.errors).toEqual([]);
    expect(warned.warnings.map((w) => w.path)).toEqual(["steps.1.transaction.steps.0"]);
    const back = unnestStep(nested.tree, nested.path);
    expect(back.path).toEqual(["steps", 1]);
    expect(names(back.tree.steps)).toEqual(names(s.steps));
    expect(validateEditorState(back.tree).warnings).toEqual([]);
  });

  it("nests into the previous transaction (last) when no transaction follows, and unnests after it", () => {
    const s = base();
    expect(nestTarget(s, ["steps", 3])?.position).toBe("last");
    const nested = nestStep(s, ["steps", 3]);
    expect(nested.path).toEqual(["steps", 2, T, 2]);
    expect(names(nested.tree.steps)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky,think]"]);
    expect(names(unnestStep(nested.tree, nested.path).tree.steps)).toEqual(names(s.steps));
    expect(names(unnestStep(nested.tree, nested.path, "before").tree.steps)).toEqual([
      "login",
      "rv:vote_rv",
      "think",
      "txn:vote_txn[fast,flaky]",
    ]);
    expect(nestTarget(s, ["steps", 0])).toBeNull();
    expect(nestStep(s, ["steps", 0]).tree).toBe(s);
  });

  it("edits a request inside nested transactions without touching its siblings", () => {
    const s = stateOf(KITCHEN_SINK);
    const p = ["steps", 6, T, 1, T, 0];
    expect(getStep(s, p)?.kind).toBe("request");
    const { steps } = updateStep(s, p, (x) => (x.kind === "request" ? { ...x, request: { ...x.request, path: "/deeper" } } : x));
    const doc = toDocument({ ...s, steps }).document as typeof KITCHEN_SINK;
    expect(JSON.stringify(doc.steps[6])).toContain('"/deeper"');
    expect(steps[0]).toBe(s.steps[0]);
    const outer = steps[6];
    expect(outer?.kind === "transaction" && outer.transaction.steps[0]).toBe(
      s.steps[6]?.kind === "transaction" && s.steps[6].transaction.steps[0],
    );
  });

  it("switches the load model carrying VUs and duration over", () => {
    const s = base();
    const open = setLoadModel(s.load, "open");
    expect(open).toMatchObject({ model: "open", maxVus: "20", openDuration: "30", vus: "", duration: "" });
    expect(validateEditorState({ ...s, load: open }).errors).toEqual([]);
    expect(setLoadModel(open, "closed")).toMatchObject({ model: "closed", vus: "20", duration: "30" });
  });
});

describe("validation and path mapping", () => {
  it("a new scenario only lacks its name", () => {
    const v = validateEditorState(newEditorState("recording"));
    expect(v.errors.map((e) => e.path)).toEqual(["name"]);
  });

  it("reports half-typed input at the field's dotted path, with the engine's messages", () => {
    const s = stateOf(parseYaml(VOTE_YAML));
    s.load = { ...s.load, vus: "2x" };
    const s1 = updateStep(s, ["steps", 2, T, 1], (x) => (x.kind === "request" ? { ...x, request: { ...x.request, method: "FETCH" } } : x));
    const s2 = updateStep(s1, ["steps", 1], (x) =>
      x.kind === "rendezvous" ? { ...x, rendezvous: { ...x.rendezvous, policyValue: "0", policyKind: "allVusersPercent" } } : x,
    );
    const v = validateEditorState(s2);
    const byPath = issuesByPath(v.errors);
    expect([...byPath.keys()].sort()).toEqual([
      "load.vus",
      "steps.1.rendezvous.policy.allVusersPercent",
      "steps.2.transaction.steps.1.request.method",
    ]);
    expect(byPath.get("steps.1.rendezvous.policy.allVusersPercent")).toEqual(["must be > 0"]);
    expect(v.scenario).toBeNull();
  });

  it("reports editor-only problems (bad JSON body, duplicate header, bad status list) by path", () => {
    const s = newEditorState("m");
    s.name = "x";
    const next = updateStep(s, ["steps", 0], (x) =>
      x.kind === "request"
        ? {
            ...x,
            request: {
              ...x.request,
              bodyMode: "json",
              jsonText: "{ nope",
              headers: [
                { key: "a", value: "1" },
                { key: "a", value: "2" },
                { key: "", value: "" },
              ],
              expect: { status: "200, ok", bodyContains: "", bodyNotContains: "", json: null, maxMs: "", variables: null, extra: {} },
            },
          }
        : x,
    );
    const v = validateEditorState(next);
    expect(v.errors.map((e) => e.path)).toEqual(["steps.0.request.headers", "steps.0.request.json", "steps.0.request.expect.status"]);
    expect(v.errors[1]?.message).toMatch(/^not valid JSON/);
  });

  it("an empty transaction and an empty scenario say what is missing", () => {
    const s = newEditorState("m");
    s.name = "x";
    const v = validateEditorState(insertStep(s, ["steps"], newStep("transaction")).tree);
    expect(v.errors).toEqual(
      expect.arrayContaining([
        { path: "steps.1.transaction.name", message: "must not be empty" },
        { path: "steps.1.transaction.steps", message: "a transaction needs at least one step" },
      ]),
    );
    expect(validateEditorState({ ...s, steps: [] }).errors).toEqual([{ path: "steps", message: "a scenario needs at least one step" }]);
  });

  it("maps issue paths to step paths and ids", () => {
    expect(stepPathString(["steps", 2, T, 0, "choose.1.steps", 3])).toBe("steps.2.transaction.steps.0.choose.1.steps.3");
    expect(stepPathOfIssue("steps.2.transaction.steps.0.request.expect.status")).toEqual(["steps", 2, T, 0]);
    expect(stepPathOfIssue("steps.4")).toEqual(["steps", 4]);
    expect(stepPathOfIssue("init.0.request.path")).toEqual(["init", 0]);
    expect(stepPathOfIssue("end.1.if.else.0.loop.steps.2.choose.0.steps.1.forEach.steps.0.request")).toEqual([
      "end",
      1,
      "if.else",
      0,
      "loop.steps",
      2,
      "choose.0.steps",
      1,
      "forEach.steps",
      0,
    ]);
    expect(stepPathOfIssue("steps.3.if.condition")).toEqual(["steps", 3]);
    expect(stepPathOfIssue("steps.3.choose.1.weight")).toEqual(["steps", 3]);
    expect(stepPathOfIssue("load.vus")).toBeNull();
    expect(stepPathOfIssue("steps")).toBeNull();
    const s = stateOf(KITCHEN_SINK);
    const deep = getStep(s, ["steps", 6, T, 1, T, 0]);
    expect(stepIdOfIssue(s, "steps.6.transaction.steps.1.transaction.steps.0.request.path")).toBe(deep?.id);
    expect(stepIdOfIssue(s, "steps.9.request")).toBeNull();
  });

  it("still warns about a rendezvous in a transaction while other fields are invalid", () => {
    const s = stateOf(parseYaml(VOTE_YAML));
    const nested = nestStep(s, ["steps", 1]).tree;
    const v = validateEditorState({ ...nested, baseUrl: "nope" });
    expect(v.errors.map((e) => e.path)).toEqual(["baseUrl"]);
    expect(v.warnings.map((w) => w.path)).toEqual(["steps.1.transaction.steps.0"]);
  });
});

describe("load chart data", () => {
  it("validates the load section alone", () => {
    const s = newEditorState();
    expect(validLoad(s)).toMatchObject({ vus: 10, rampUpSeconds: 10, durationSeconds: 60 });
    expect(validLoad({ ...s, load: { ...s.load, vus: "" } })).toBeNull();
  });

  it("draws small curves exactly as steps and large ones sampled", () => {
    const small = planVuCurve({ load: validLoad(newEditorState())! });
    const pts = chartPoints(small.points, 60);
    expect(pts[0]).toEqual({ t: 0, vus: 1 });
    expect(pts.at(-1)).toEqual({ t: 60, vus: 0 });
    const big = planVuCurve({
      load: { vus: 50_000, rampUpSeconds: 100, durationSeconds: 200, rampDownSeconds: 0, gracefulStopSeconds: 0 },
    });
    const sampled = chartPoints(big.points, 200);
    expect(sampled.length).toBe(400);
    expect(Math.max(...sampled.map((p) => p.vus))).toBe(50_000);
  });
});

/** The feature's example scenario, verbatim. */
const SHOP_YAML = readFileSync(path.resolve(import.meta.dirname, "../../../../lib/engine/examples/shop.yaml"), "utf8");

/** Every construct of the scenario language, nested, with the values' types varied. */
const EVERY_CONSTRUCT = {
  name: "constructs",
  baseUrl: "http://${host}:8080",
  headers: { "x-run": "${__uuid()}" },
  variables: { host: "127.0.0.1", loops: "4", n: 2, flag: true },
  cookies: { clearEachIteration: true },
  pacing: { min: 1, max: 3.5 },
  load: { vus: 3, iterations: 2 },
  data: [
    { csv: "user,pass\nu1,p1\n", mode: "unique" },
    { file: "ids.csv", delimiter: ";", columns: ["id", "kind"], mode: "random" },
  ],
  init: [
    {
      request: {
        name: "login",
        method: "POST",
        path: "/session",
        multipart: {
          fields: { user: "u", n: 1 },
          files: [
            { field: "avatar", filename: "a.txt", contentType: "text/plain", content: "hi ${vu}" },
            { field: "doc", file: "doc.pdf" },
          ],
        },
      },
    },
  ],
  steps: [
    {
      request: {
        path: "/list",
        extract: {
          ids: { json: "$.ids[*]", match: -1 },
          first: { regex: "id=(\\d+)", group: 1, default: "none", match: 1 },
          loc: { header: "Location", default: "" },
        },
        expect: { status: 200, maxMs: 250 },
      },
    },
    { forEach: { list: "ids", as: "id", steps: [{ request: { path: "/item/${id}" } }, { think: { seconds: 0.5 } }] } },
    {
      loop: {
        count: "${loops}",
        steps: [{ loop: { while: "${__status} != 200", maxIterations: 5, steps: [{ request: { path: "/poll" } }] } }],
      },
    },
    { loop: { count: "3", steps: [{ rendezvous: { name: "rv" } }] } },
    {
      if: {
        condition: '${first} matches "^\\d+$" && !(${__status} >= 500)',
        then: [
          {
            transaction: {
              name: "pay",
              steps: [
                {
                  choose: [
                    { weight: 1, steps: [] },
                    { weight: 2.5, steps: [{ request: { path: "/a" } }] },
                  ],
                },
              ],
            },
          },
        ],
      },
    },
    { if: { condition: "${flag} == true", then: [{ think: { min: 0, max: 1 } }], else: [{ request: { path: "/else" } }] } },
  ],
  end: [{ transaction: { name: "bye", steps: [{ request: { method: "POST", path: "/logout" } }] } }],
  thresholds: [{ metric: "p95Ms", max: 500 }],
};

describe("the new constructs: init/end, loop, forEach, if/else, choose, pacing, cookies, data sets, multipart", () => {
  it("the feature's example loads and round-trips through state, YAML and back, and validates", () => {
    const doc = parseYaml(SHOP_YAML) as Record<string, unknown>;
    const state = toEditorState(structuredClone(doc));
    expect(names(state.init ?? [])).toEqual(["login"]);
    expect(names(state.steps)).toEqual(["me", "loop:3[item]", "if[ok]else[retry]", "choose70[browse]30[buy]"]);
    expect(names(state.end ?? [])).toEqual(["logout"]);
    expect(state.pacing).toMatchObject({ mode: "every", every: "2" });
    expect(state.cookies.mode).toBe("on");
    expect(toDocument(state).document).toEqual(doc);
    const yaml = serialiseDocument(toDocument(state).document, "yaml");
    const back = importScenarioText(yaml, "yaml");
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.document).toEqual(doc);
    expect(toDocument(back.state).document).toEqual(doc);
    const v = validateEditorState(state);
    expect(v.errors).toEqual([]);
    expect(v.scenario?.steps).toHaveLength(4);
  });

  it("a document with every construct round-trips exactly, in YAML and JSON", () => {
    expect(roundTrip(structuredClone(EVERY_CONSTRUCT))).toEqual(EVERY_CONSTRUCT);
    for (const format of ["yaml", "json"] as const) {
      const text = serialiseDocument(roundTrip(structuredClone(EVERY_CONSTRUCT)), format);
      const imported = importScenarioText(text, format);
      expect(imported.ok && toDocument(imported.state).document).toEqual(EVERY_CONSTRUCT);
    }
    const s = stateOf(EVERY_CONSTRUCT);
    expect(names(s.steps)).toEqual([
      "/list",
      "forEach:id[/item/${id},think]",
      "loop:${loops}[loop:${__status} != 200[/poll]]",
      "loop:3[rv:rv]",
      "if[txn:pay[choose1[]2.5[/a]]]",
      "if[think]else[/else]",
    ]);
    expect(s.data?.map((d) => d.source)).toEqual(["csv", "file"]);
    expect(s.pacing).toMatchObject({ mode: "random", min: "1", max: "3.5" });
    expect(s.cookies.mode).toBe("clear");
    const req = s.steps[0];
    expect(req?.kind === "request" && req.request.extract?.map((e) => [e.name, e.match, e.defaultValue])).toEqual([
      ["ids", "-1", null],
      ["first", "1", "none"],
      ["loc", "", ""],
    ]);
    expect(req?.kind === "request" && req.request.expect?.maxMs).toBe("250");
    const login = s.init?.[0];
    expect(login?.kind === "request" && login.request.multipart?.files?.map((f) => f.source)).toEqual(["content", "file"]);
    // A count typed as text in the file stays text; an edited one becomes a number.
    const loop = getStep(s, ["steps", 3]);
    expect(loop?.kind === "loop" && loop.loop.countOriginal).toBe("3");
    const edited = updateStep(s, ["steps", 3], (x) => (x.kind === "loop" ? { ...x, loop: { ...x.loop, count: "5" } } : x));
    expect((toDocument(edited).document.steps as { loop: { count: unknown } }[])[3]?.loop.count).toBe(5);
  });

  it("a single data set stays one object; adding a second writes a list", () => {
    const doc = { ...structuredClone(EVERY_CONSTRUCT), data: { csv: "a\n1\n" } };
    const s = stateOf(doc);
    expect(s.dataIsList).toBe(false);
    expect(toDocument(s).document.data).toEqual({ csv: "a\n1\n" });
    const two = { ...s, data: [...(s.data ?? []), { ...s.data![0]!, id: "x", csv: "b\n2\n" }] };
    expect(toDocument(two).document.data).toEqual([{ csv: "a\n1\n" }, { csv: "b\n2\n" }]);
    const typed = { ...s, data: [{ ...s.data![0]!, columns: "id, kind", mode: "random", delimiter: ";" }] };
    expect(toDocument(typed).document.data).toEqual({ csv: "a\n1\n", columns: ["id", "kind"], mode: "random", delimiter: ";" });
  });

  it("pacing and cookies: each mode writes the schema's shape, and 'on' is the default (not written)", () => {
    const s = newEditorState("m");
    s.name = "p";
    const doc = (patch: Partial<TEditorState>) => toDocument({ ...s, ...patch }).document;
    expect(doc({}).pacing).toBeUndefined();
    expect(doc({}).cookies).toBeUndefined();
    expect(doc({ pacing: { ...s.pacing, mode: "every", every: "2" } }).pacing).toEqual({ everySeconds: 2 });
    expect(doc({ pacing: { ...s.pacing, mode: "random", min: "1", max: "3" } }).pacing).toEqual({ min: 1, max: 3 });
    expect(doc({ pacing: { ...s.pacing, mode: "after", after: "1" } }).pacing).toEqual({ afterSeconds: 1 });
    expect(doc({ cookies: { mode: "off" } }).cookies).toBe(false);
    expect(doc({ cookies: { mode: "clear" } }).cookies).toEqual({ clearEachIteration: true });
    expect(doc({ cookies: { mode: "on", original: false } }).cookies).toBeUndefined();
    const bad = validateEditorState({ ...s, pacing: { ...s.pacing, mode: "random", min: "3", max: "1" } });
    expect(issuesByPath(bad.errors).get("pacing.max")).toEqual(["max must be ≥ min"]);
  });

  it("adds, moves and removes steps in init, end, then/else and choose branches; init/end/else emptied become absent", () => {
    let s = stateOf(parseYaml(SHOP_YAML));
    s = insertStep(s, ["steps", 2, "if.else"], newStep("think"), 0).tree;
    expect(names(s.steps)[2]).toBe("if[ok]else[think,retry]");
    s = moveStep(s, ["steps", 2, "if.else", 0], 1);
    expect(names(s.steps)[2]).toBe("if[ok]else[retry,think]");
    s = removeStep(removeStep(s, ["steps", 2, "if.else", 0]), ["steps", 2, "if.else", 0]);
    expect(names(s.steps)[2]).toBe("if[ok]");
    expect(toDocument(s).document.steps).toContainEqual({
      if: { condition: "${__status} == 200", then: [{ request: { name: "ok", method: "GET", path: "/ok" } }] },
    });
    // An absent else takes its first step.
    s = insertStep(s, ["steps", 2, "if.else"], newStep("request")).tree;
    expect(names(s.steps)[2]).toBe("if[ok]else[/]");
    s = insertStep(s, ["steps", 3, "choose.1.steps"], newStep("think")).tree;
    expect(names(s.steps)[3]).toBe("choose70[browse]30[buy,think]");
    s = removeStep(s, ["init", 0]);
    expect(s.init).toBeNull();
    expect("init" in toDocument(s).document).toBe(false);
    s = insertStep(s, ["init"], newStep("request")).tree;
    expect(s.init).toHaveLength(1);
    s = removeStep(s, ["end", 0]);
    expect(toDocument(s).document.end).toBeUndefined();
    // A duplicate gets fresh ids all the way down, branches too.
    const dup = duplicateStep(s, ["steps", 3]);
    const [a, b] = [dup.steps[3], dup.steps[4]];
    expect(a?.kind === "choose" && b?.kind === "choose" && a.choose[0]?.id !== b.choose[0]?.id && a.id !== b.id).toBe(true);
  });

  it("moves a step into the next container (loop, if, choose) and back out", () => {
    const s = stateOf(parseYaml(SHOP_YAML));
    expect(nestTarget(s, ["steps", 0])).toMatchObject({ listPath: ["steps", 1, "loop.steps"], position: "first" });
    const into = nestStep(s, ["steps", 0]);
    expect(names(into.tree.steps).slice(0, 2)).toEqual(["loop:3[me,item]", "if[ok]else[retry]"]);
    const out = unnestStep(into.tree, into.path);
    expect(names(out.tree.steps)).toEqual(names(s.steps));
    // The first branch of a choose is where a step moves in.
    const last = nestStep(s, ["steps", 2]);
    expect(names(last.tree.steps)).toEqual(["me", "loop:3[item]", "choose70[if[ok]else[retry],browse]30[buy]"]);
  });

  it("shows the schema's messages at the construct's fields, and local ones at the right path", () => {
    const s = newEditorState("m");
    s.name = "c";
    let t = insertStep(s, ["steps"], newStep("loop")).tree;
    t = insertStep(t, ["steps"], newStep("forEach")).tree;
    t = insertStep(t, ["steps"], newStep("if")).tree;
    t = insertStep(t, ["steps"], newStep("choose")).tree;
    t = updateStep(t, ["steps", 1], (x) => (x.kind === "loop" ? { ...x, loop: { ...x.loop, count: "lots" } } : x));
    t = updateStep(t, ["steps", 2], (x) => (x.kind === "forEach" ? { ...x, forEach: { ...x.forEach, list: "1bad" } } : x));
    t = updateStep(t, ["steps", 4], (x) =>
      x.kind === "choose" ? { ...x, choose: x.choose.map((b, i) => (i === 0 ? { ...b, weight: "0" } : b)) } : x,
    );
    const byPath = issuesByPath(validateEditorState(t).errors);
    expect(byPath.get("steps.1.loop.count")).toEqual(["a count is a whole number or a ${…} template"]);
    expect(byPath.get("steps.1.loop.steps")).toEqual(["a loop needs at least one step"]);
    expect(byPath.get("steps.2.forEach.list")).toEqual(["variable names are letters, digits, _"]);
    expect(byPath.get("steps.2.forEach.as")).toBeDefined();
    expect(byPath.get("steps.3.if.condition")).toBeDefined();
    expect(byPath.get("steps.3.if.then")).toEqual(["then needs at least one step"]);
    expect(byPath.get("steps.4.choose.0.weight")).toEqual(["must be > 0"]);
    // while without a condition, maxIterations with count: the schema's own words.
    const w = updateStep(t, ["steps", 1], (x) =>
      x.kind === "loop" ? { ...x, loop: { ...x.loop, mode: "count", count: "2", maxIterations: "3" } } : x,
    );
    expect(issuesByPath(validateEditorState(w).errors).get("steps.1.loop.maxIterations")).toEqual(["maxIterations goes with while"]);
  });

  it("warns about a rendezvous in a transaction through any container, in init and end too", () => {
    const doc = {
      name: "w",
      baseUrl: "http://127.0.0.1:1",
      load: { vus: 1, iterations: 1 },
      init: [{ transaction: { name: "t0", steps: [{ loop: { count: 1, steps: [{ rendezvous: { name: "r0" } }] } }] } }],
      steps: [{ request: { path: "/" } }],
    };
    const s = stateOf(doc);
    expect(validateEditorState(s).warnings.map((w) => w.path)).toEqual(["init.0.transaction.steps.0.loop.steps.0"]);
    const broken = validateEditorState({ ...s, baseUrl: "nope" });
    expect(broken.warnings.map((w) => w.path)).toEqual(["init.0.transaction.steps.0.loop.steps.0"]);
  });

  it("keeps a container that is not readable as a form verbatim", () => {
    const doc = {
      name: "r",
      baseUrl: "http://127.0.0.1:1",
      load: { vus: 1, iterations: 1 },
      steps: [{ loop: { count: 1, steps: "nope" } }, { choose: [1, 2] }, { if: { condition: "x", then: [], else: 3 } }],
    };
    const s = stateOf(doc);
    expect(s.steps.map((x) => x.kind)).toEqual(["raw", "raw", "raw"]);
    expect(roundTrip(structuredClone(doc))).toEqual(doc);
  });
});

describe("outline numbers", () => {
  it("number nested steps, naming the list where a container has several", async () => {
    const { stepNumber } = await import("./step-list");
    expect(stepNumber(["steps", 2])).toBe("3");
    expect(stepNumber(["steps", 2, "loop.steps", 0])).toBe("3.1");
    expect(stepNumber(["steps", 2, "if.then", 1])).toBe("3.2");
    expect(stepNumber(["steps", 2, "if.else", 0])).toBe("3.else.1");
    expect(stepNumber(["init", 3, "choose.1.steps", 0, "transaction.steps", 4])).toBe("4.b2.1.5");
  });
});
