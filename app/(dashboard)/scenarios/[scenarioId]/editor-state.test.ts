import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { planVuCurve } from "@/lib/engine/scenario";
import {
  chartPoints,
  duplicateStep,
  getStep,
  importScenarioText,
  insertStep,
  issuesByPath,
  moveStep,
  nestStep,
  nestTarget,
  newEditorState,
  newStep,
  removeStep,
  serialiseDocument,
  setLoadModel,
  stepIdOfIssue,
  stepPathOfIssue,
  stepPathString,
  toDocument,
  toEditorState,
  unnestStep,
  updateStep,
  validateEditorState,
  validLoad,
  type TEditorState,
  type TEditorStep,
} from "./editor-state";

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
        expect: { status: [200, 201], bodyContains: "ok", bodyNotContains: "error", json: { "$.ok": true, "$.count": 3, "$.who": "me" } },
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
        steps: [
          { think: { seconds: 0 } },
          { transaction: { name: "inner", steps: [{ request: { path: "/deep", expect: {} } }] } },
        ],
      },
    },
  ],
  thresholds: [{ metric: "p95Ms", max: 500 }, { label: "login", metric: "errorPct", max: 1 }],
};

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
    const doc = { name: "r", baseUrl: "http://127.0.0.1:1", load: { vus: 1, iterations: 1 }, steps: [{ request: { path: "/a" } }, { request: { path: "/b", followRedirects: false } }] };
    expect(roundTrip(structuredClone(doc))).toEqual(doc);
    const s = stateOf(doc);
    const steps = updateStep(s.steps, [0], (x) => (x.kind === "request" ? { ...x, request: { ...x.request, followRedirects: false } } : x));
    const out = toDocument({ ...s, steps }).document as typeof doc;
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
    expect(paths).toEqual(expect.arrayContaining(["baseUrl", "load.vus", "load.durationSeconds", "steps.0.request.method", "steps.1", "steps.2"]));
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
    const edited = updateStep(state.steps, [0], (s) => {
      if (s.kind !== "request" || !s.request.expect?.json || !s.request.query) return s;
      const json = s.request.expect.json.map((p) => (p.key === "$.count" ? { ...p, value: "4" } : p.key === "$.who" ? { ...p, value: "you" } : p));
      const query = s.request.query.map((p) => (p.key === "page" ? { ...p, value: "3" } : p));
      return { ...s, request: { ...s.request, query, expect: { ...s.request.expect, json, status: "200" } } };
    });
    const doc = toDocument({ ...state, steps: edited }).document as typeof KITCHEN_SINK;
    const req = doc.steps[0] as { request: { query: unknown; expect: { json: unknown; status: unknown } } };
    expect(req.request.expect.json).toEqual({ "$.ok": true, "$.count": 4, "$.who": "you" });
    expect(req.request.expect.status).toBe(200);
    // Query values are text once edited (the engine URL-encodes either way).
    expect(req.request.query).toEqual({ lang: "en", page: "3", debug: true });
  });
});

describe("step tree operations", () => {
  const base = () => stateOf(parseYaml(VOTE_YAML));

  it("moves steps up and down among siblings, and not past either end", () => {
    const s = base();
    expect(names(s.steps)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky]", "think"]);
    const up = moveStep(s.steps, [1], -1);
    expect(names(up)).toEqual(["rv:vote_rv", "login", "txn:vote_txn[fast,flaky]", "think"]);
    expect(moveStep(up, [0], -1)).toBe(up);
    expect(names(moveStep(s.steps, [2, 0], 1))).toContain("txn:vote_txn[flaky,fast]");
    expect(moveStep(s.steps, [2, 1], 1)[2]).toBe(s.steps[2]);
  });

  it("adds, duplicates and removes steps at any depth with fresh ids", () => {
    const s = base();
    const added = insertStep(s.steps, [2], newStep("think"), 1);
    expect(added.path).toEqual([2, 1]);
    expect(names(added.steps)[2]).toBe("txn:vote_txn[fast,think,flaky]");
    const dup = duplicateStep(s.steps, [2]);
    expect(names(dup)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky]", "txn:vote_txn[fast,flaky]", "think"]);
    const ids = new Set<string>();
    const collect = (steps: TEditorStep[]) => steps.forEach((x) => (ids.add(x.id), x.kind === "transaction" && collect(x.transaction.steps)));
    collect(dup);
    expect(ids.size).toBe(9);
    expect(names(removeStep(s.steps, [2, 0]))[2]).toBe("txn:vote_txn[flaky]");
    // Untouched branches are shared (cheap re-renders).
    expect(removeStep(s.steps, [2, 0])[0]).toBe(s.steps[0]);
  });

  it("moves a rendezvous into the next transaction (first) and back out (same place)", () => {
    const s = base();
    expect(nestTarget(s.steps, [1])).toEqual({ transactionPath: [2], name: "vote_txn", position: "first" });
    const nested = nestStep(s.steps, [1]);
    expect(nested.path).toEqual([1, 0]);
    expect(names(nested.steps)).toEqual(["login", "txn:vote_txn[rv:vote_rv,fast,flaky]", "think"]);
    const warned = validateEditorState({ ...s, steps: nested.steps });
    expect(warned.errors).toEqual([]);
    expect(warned.warnings.map((w) => w.path)).toEqual(["steps.1.transaction.steps.0"]);
    const back = unnestStep(nested.steps, nested.path);
    expect(back.path).toEqual([1]);
    expect(names(back.steps)).toEqual(names(s.steps));
    expect(validateEditorState({ ...s, steps: back.steps }).warnings).toEqual([]);
  });

  it("nests into the previous transaction (last) when no transaction follows, and unnests after it", () => {
    const s = base();
    expect(nestTarget(s.steps, [3])?.position).toBe("last");
    const nested = nestStep(s.steps, [3]);
    expect(nested.path).toEqual([2, 2]);
    expect(names(nested.steps)).toEqual(["login", "rv:vote_rv", "txn:vote_txn[fast,flaky,think]"]);
    expect(names(unnestStep(nested.steps, nested.path).steps)).toEqual(names(s.steps));
    expect(names(unnestStep(nested.steps, nested.path, "before").steps)).toEqual(["login", "rv:vote_rv", "think", "txn:vote_txn[fast,flaky]"]);
    expect(nestTarget(s.steps, [0])).toBeNull();
    expect(nestStep(s.steps, [0]).steps).toBe(s.steps);
  });

  it("edits a request inside nested transactions without touching its siblings", () => {
    const s = stateOf(KITCHEN_SINK);
    const p = [6, 1, 0];
    expect(getStep(s.steps, p)?.kind).toBe("request");
    const steps = updateStep(s.steps, p, (x) => (x.kind === "request" ? { ...x, request: { ...x.request, path: "/deeper" } } : x));
    const doc = toDocument({ ...s, steps }).document as typeof KITCHEN_SINK;
    expect(JSON.stringify(doc.steps[6])).toContain('"/deeper"');
    expect(steps[0]).toBe(s.steps[0]);
    const outer = steps[6];
    expect(outer?.kind === "transaction" && outer.transaction.steps[0]).toBe(s.steps[6]?.kind === "transaction" && s.steps[6].transaction.steps[0]);
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
    const steps = updateStep(s.steps, [2, 1], (x) => (x.kind === "request" ? { ...x, request: { ...x.request, method: "FETCH" } } : x));
    const steps2 = updateStep(steps, [1], (x) => (x.kind === "rendezvous" ? { ...x, rendezvous: { ...x.rendezvous, policyValue: "0", policyKind: "allVusersPercent" } } : x));
    const v = validateEditorState({ ...s, steps: steps2 });
    const byPath = issuesByPath(v.errors);
    expect([...byPath.keys()].sort()).toEqual(["load.vus", "steps.1.rendezvous.policy.allVusersPercent", "steps.2.transaction.steps.1.request.method"]);
    expect(byPath.get("steps.1.rendezvous.policy.allVusersPercent")).toEqual(["must be > 0"]);
    expect(v.scenario).toBeNull();
  });

  it("reports editor-only problems (bad JSON body, duplicate header, bad status list) by path", () => {
    const s = newEditorState("m");
    s.name = "x";
    const steps = updateStep(s.steps, [0], (x) =>
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
              expect: { status: "200, ok", bodyContains: "", bodyNotContains: "", json: null, extra: {} },
            },
          }
        : x,
    );
    const v = validateEditorState({ ...s, steps });
    expect(v.errors.map((e) => e.path)).toEqual(["steps.0.request.headers", "steps.0.request.json", "steps.0.request.expect.status"]);
    expect(v.errors[1]?.message).toMatch(/^not valid JSON/);
  });

  it("an empty transaction and an empty scenario say what is missing", () => {
    const s = newEditorState("m");
    s.name = "x";
    const withTxn = insertStep(s.steps, [], newStep("transaction")).steps;
    const v = validateEditorState({ ...s, steps: withTxn });
    expect(v.errors).toEqual(
      expect.arrayContaining([
        { path: "steps.1.transaction.name", message: "must not be empty" },
        { path: "steps.1.transaction.steps", message: "a transaction needs at least one step" },
      ]),
    );
    expect(validateEditorState({ ...s, steps: [] }).errors).toEqual([{ path: "steps", message: "a scenario needs at least one step" }]);
  });

  it("maps issue paths to step paths and ids", () => {
    expect(stepPathString([2, 0, 3])).toBe("steps.2.transaction.steps.0.transaction.steps.3");
    expect(stepPathOfIssue("steps.2.transaction.steps.0.request.expect.status")).toEqual([2, 0]);
    expect(stepPathOfIssue("steps.4")).toEqual([4]);
    expect(stepPathOfIssue("load.vus")).toBeNull();
    expect(stepPathOfIssue("steps")).toBeNull();
    const s = stateOf(KITCHEN_SINK);
    const deep = getStep(s.steps, [6, 1, 0]);
    expect(stepIdOfIssue(s, "steps.6.transaction.steps.1.transaction.steps.0.request.path")).toBe(deep?.id);
    expect(stepIdOfIssue(s, "steps.9.request")).toBeNull();
  });

  it("still warns about a rendezvous in a transaction while other fields are invalid", () => {
    const s = stateOf(parseYaml(VOTE_YAML));
    const nested = nestStep(s.steps, [1]).steps;
    const v = validateEditorState({ ...s, baseUrl: "nope", steps: nested });
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
    const big = planVuCurve({ load: { vus: 50_000, rampUpSeconds: 100, durationSeconds: 200, rampDownSeconds: 0, gracefulStopSeconds: 0 } });
    const sampled = chartPoints(big.points, 200);
    expect(sampled.length).toBe(400);
    expect(Math.max(...sampled.map((p) => p.vus))).toBe(50_000);
  });
});
