/**
 * The scenario editor's state and every operation on it, as pure functions (no React, no I/O).
 *
 * The editor edits form text (what the user typed), not the parsed scenario: a half-typed number
 * must stay on screen, and the zod schema — the engine's own — must judge it. So:
 *
 *   raw document (YAML/JSON, or the stored definition) ──toEditorState──▶ TEditorState
 *   TEditorState ──toDocument──▶ raw document ──validateScenario──▶ field issues by dotted path
 *
 * INVARIANT (round trip): for a document the editor understands, toDocument(toEditorState(doc))
 * deep-equals doc — no defaults are filled in (the engine does that), keys the editor has no
 * field for (query, form, variables, data, thresholds, unknown keys…) ride along in `extra`, and
 * typed values keep their type while their text is unchanged (`original`).
 */
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import {
  validateScenario,
  type TScenario,
  type TScenarioIssue,
  ZLoad,
} from "@/lib/engine/scenario";

type TRaw = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// State types

/** One key/value row (headers, query, form, expected JSON values). */
export interface TPair {
  key: string;
  value: string;
  /** The typed value the row was loaded with; kept while `value` still reads the same. */
  original?: unknown;
}

export type TExtractKind = "json" | "regex" | "header";

export interface TExtractRow {
  name: string;
  kind: TExtractKind;
  expr: string;
  /** Regex capture group, as typed. */
  group: string;
  extra: TRaw;
  /** An extractor that is not an object: kept as written until the user types an expression. */
  raw?: unknown;
}

export interface TExpectDraft {
  /** "200" or "200, 201". */
  status: string;
  statusOriginal?: unknown;
  bodyContains: string;
  bodyNotContains: string;
  json: TPair[] | null;
  extra: TRaw;
}

export type TBodyMode = "none" | "json" | "text" | "form";

export interface TRequestDraft {
  name: string;
  /** As written ("" = not set: the engine's default GET). */
  method: string;
  path: string;
  headers: TPair[] | null;
  query: TPair[] | null;
  bodyMode: TBodyMode;
  jsonText: string;
  jsonOriginal?: unknown;
  bodyText: string;
  form: TPair[] | null;
  timeout: string;
  /** As written (undefined = not set: the engine follows redirects). */
  followRedirects?: boolean;
  extract: TExtractRow[] | null;
  expect: TExpectDraft | null;
  extra: TRaw;
}

export interface TThinkDraft {
  mode: "fixed" | "range";
  seconds: string;
  min: string;
  max: string;
  extra: TRaw;
}

export type TPolicyKind = "default" | "allVusersPercent" | "runningVusersPercent" | "count";

export interface TRendezvousDraft {
  name: string;
  policyKind: TPolicyKind;
  policyValue: string;
  policyExtra: TRaw;
  timeout: string;
  extra: TRaw;
}

export interface TTransactionDraft {
  name: string;
  steps: TEditorStep[];
  extra: TRaw;
}

interface TStepBase {
  /** Stable React key; never serialised. */
  id: string;
  /** Other keys on the step object (a step must have exactly one: the schema reports them). */
  stepExtra?: TRaw;
}

export type TEditorStep =
  | (TStepBase & { kind: "request"; request: TRequestDraft })
  | (TStepBase & { kind: "think"; think: TThinkDraft })
  | (TStepBase & { kind: "rendezvous"; rendezvous: TRendezvousDraft })
  | (TStepBase & { kind: "transaction"; transaction: TTransactionDraft })
  /** A step the editor cannot show as a form; kept verbatim (edit it in the YAML tab). */
  | (TStepBase & { kind: "raw"; raw: unknown });

export type TStepKind = Exclude<TEditorStep["kind"], "raw">;
export const STEP_KINDS: readonly TStepKind[] = ["request", "think", "transaction", "rendezvous"];

export interface TLoadDraft {
  model: "closed" | "open";
  vus: string;
  rampUp: string;
  duration: string;
  iterations: string;
  rampDown: string;
  gracefulStop: string;
  perSecond: string;
  openDuration: string;
  maxVus: string;
  arrivalExtra: TRaw;
  extra: TRaw;
}

export interface TEditorState {
  name: string;
  module: string;
  baseUrl: string;
  load: TLoadDraft;
  steps: TEditorStep[];
  /** headers, variables, data, thresholds and unknown keys: kept as they are. */
  extra: TRaw;
}

/** Index path of a step: [2, 0] = steps[2].transaction.steps[0]. */
export type TStepPath = readonly number[];

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

// ---------------------------------------------------------------------------------------------
// Small helpers

let nextStepId = 1;
function newId(): string {
  return `step-${nextStepId++}`;
}

function isRecord(v: unknown): v is TRaw {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Split `obj` into the listed keys and the rest. */
function take(obj: TRaw, keys: readonly string[]): [TRaw, TRaw] {
  const known: TRaw = {};
  const rest: TRaw = {};
  for (const [k, v] of Object.entries(obj)) (keys.includes(k) ? known : rest)[k] = v;
  return [known, rest];
}

/** Text shown for a scalar the user edits as text (strings as-is, everything else as JSON). */
function toText(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

const NUMBER_RE = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Typed text → number when it reads as one; "" → undefined; else the text (the schema says why). */
export function numberFromText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return NUMBER_RE.test(t) ? Number(t) : text;
}

function setIf(out: TRaw, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

// ---------------------------------------------------------------------------------------------
// Document → state

function pairsFrom(v: unknown): TPair[] | null {
  if (!isRecord(v)) return null;
  return Object.entries(v).map(([key, value]) => ({ key, value: toText(value), original: value }));
}

function requestFrom(raw: TRaw): TRequestDraft {
  const [k, extra] = take(raw, ["name", "method", "path", "headers", "query", "json", "body", "form", "timeoutSeconds", "followRedirects", "extract", "expect"]);
  const draft: TRequestDraft = {
    name: typeof k.name === "string" ? k.name : "",
    method: typeof k.method === "string" ? k.method : "",
    path: typeof k.path === "string" ? k.path : "",
    headers: pairsFrom(k.headers),
    query: pairsFrom(k.query),
    bodyMode: "none",
    jsonText: "",
    bodyText: "",
    form: null,
    timeout: toText(k.timeoutSeconds),
    extract: null,
    expect: null,
    extra,
  };
  // Keep values of the wrong type in `extra` so nothing is lost (the schema reports them).
  for (const key of ["name", "method", "path"] as const) if (k[key] !== undefined && typeof k[key] !== "string") extra[key] = k[key];
  for (const key of ["headers", "query"] as const) if (k[key] !== undefined && !isRecord(k[key])) extra[key] = k[key];
  if (k.timeoutSeconds !== undefined && typeof k.timeoutSeconds !== "number") {
    extra.timeoutSeconds = k.timeoutSeconds;
    draft.timeout = "";
  }
  if (typeof k.followRedirects === "boolean") draft.followRedirects = k.followRedirects;
  else if (k.followRedirects !== undefined) extra.followRedirects = k.followRedirects;
  // One body: the first present wins; any other goes to `extra` (the schema says "only one").
  const bodies = (["json", "body", "form"] as const).filter((b) => k[b] !== undefined);
  bodies.forEach((b, i) => {
    if (i === 0 && b === "json") {
      draft.bodyMode = "json";
      draft.jsonText = JSON.stringify(k.json, null, 2);
      draft.jsonOriginal = k.json;
    } else if (i === 0 && b === "body" && typeof k.body === "string") {
      draft.bodyMode = "text";
      draft.bodyText = k.body;
    } else if (i === 0 && b === "form" && isRecord(k.form)) {
      draft.bodyMode = "form";
      draft.form = pairsFrom(k.form);
    } else extra[b] = k[b];
  });
  if (isRecord(k.extract)) {
    draft.extract = Object.entries(k.extract).map(([name, ex]) => extractFrom(name, ex));
  } else if (k.extract !== undefined) extra.extract = k.extract;
  if (isRecord(k.expect)) {
    const [e, eExtra] = take(k.expect, ["status", "bodyContains", "bodyNotContains", "json"]);
    draft.expect = {
      status: Array.isArray(e.status) ? e.status.map(toText).join(", ") : toText(e.status),
      statusOriginal: e.status,
      bodyContains: typeof e.bodyContains === "string" ? e.bodyContains : "",
      bodyNotContains: typeof e.bodyNotContains === "string" ? e.bodyNotContains : "",
      json: pairsFrom(e.json),
      extra: eExtra,
    };
    for (const key of ["bodyContains", "bodyNotContains"] as const)
      if (e[key] !== undefined && typeof e[key] !== "string") eExtra[key] = e[key];
    if (e.json !== undefined && !isRecord(e.json)) eExtra.json = e.json;
  } else if (k.expect !== undefined) extra.expect = k.expect;
  return draft;
}

function extractFrom(name: string, ex: unknown): TExtractRow {
  if (!isRecord(ex)) return { name, kind: "json", expr: "", group: "", extra: {}, raw: ex };
  const kind = (["json", "regex", "header"] as const).find((k) => typeof ex[k] === "string") ?? "json";
  const [k, extra] = take(ex, [kind, ...(kind === "regex" ? ["group"] : [])]);
  const row: TExtractRow = { name, kind, expr: typeof k[kind] === "string" ? k[kind] : "", group: "", extra };
  if (kind === "regex" && k.group !== undefined) {
    if (typeof k.group === "number") row.group = String(k.group);
    else extra.group = k.group;
  }
  return row;
}

function thinkFrom(raw: TRaw): TThinkDraft {
  const isRange = raw.seconds === undefined && (raw.min !== undefined || raw.max !== undefined);
  const [k, extra] = take(raw, isRange ? ["min", "max"] : ["seconds"]);
  return { mode: isRange ? "range" : "fixed", seconds: toText(k.seconds), min: toText(k.min), max: toText(k.max), extra };
}

function rendezvousFrom(raw: TRaw): TRendezvousDraft {
  const [k, extra] = take(raw, ["name", "policy", "timeoutSeconds"]);
  const draft: TRendezvousDraft = {
    name: typeof k.name === "string" ? k.name : "",
    policyKind: "default",
    policyValue: "",
    policyExtra: {},
    timeout: toText(k.timeoutSeconds),
    extra,
  };
  if (k.name !== undefined && typeof k.name !== "string") extra.name = k.name;
  if (isRecord(k.policy)) {
    const kind = (["allVusersPercent", "runningVusersPercent", "count"] as const).find((p) => k.policy && (k.policy as TRaw)[p] !== undefined);
    if (kind) {
      const [p, pExtra] = take(k.policy, [kind]);
      draft.policyKind = kind;
      draft.policyValue = toText(p[kind]);
      draft.policyExtra = pExtra;
    } else extra.policy = k.policy;
  } else if (k.policy !== undefined) extra.policy = k.policy;
  return draft;
}

function stepFrom(raw: unknown): TEditorStep {
  const id = newId();
  if (!isRecord(raw)) return { id, kind: "raw", raw };
  const kind = STEP_KINDS.find((k) => isRecord(raw[k]));
  if (!kind) return { id, kind: "raw", raw };
  const [, stepExtra] = take(raw, [kind]);
  const extraPart = Object.keys(stepExtra).length > 0 ? { stepExtra } : {};
  const body = raw[kind] as TRaw;
  switch (kind) {
    case "request":
      return { id, kind, request: requestFrom(body), ...extraPart };
    case "think":
      return { id, kind, think: thinkFrom(body), ...extraPart };
    case "rendezvous":
      return { id, kind, rendezvous: rendezvousFrom(body), ...extraPart };
    case "transaction": {
      const [k, extra] = take(body, ["name", "steps"]);
      if (k.steps !== undefined && !Array.isArray(k.steps)) return { id, kind: "raw", raw };
      const steps = Array.isArray(k.steps) ? k.steps.map(stepFrom) : [];
      return { id, kind, transaction: { name: typeof k.name === "string" ? k.name : "", steps, extra }, ...extraPart };
    }
  }
}

function loadFrom(raw: unknown): TLoadDraft {
  const load = emptyLoad();
  if (!isRecord(raw)) return load;
  const [k, extra] = take(raw, ["vus", "rampUpSeconds", "durationSeconds", "iterations", "rampDownSeconds", "gracefulStopSeconds", "arrivalRate"]);
  load.extra = extra;
  const fields = [
    ["vus", "vus"],
    ["rampUp", "rampUpSeconds"],
    ["duration", "durationSeconds"],
    ["iterations", "iterations"],
    ["rampDown", "rampDownSeconds"],
    ["gracefulStop", "gracefulStopSeconds"],
  ] as const;
  for (const [field, key] of fields) {
    if (typeof k[key] === "number") load[field] = String(k[key]);
    else if (k[key] !== undefined) extra[key] = k[key];
  }
  if (isRecord(k.arrivalRate)) {
    const [a, aExtra] = take(k.arrivalRate, ["perSecond", "durationSeconds", "maxVus"]);
    load.model = "open";
    load.perSecond = toText(a.perSecond);
    load.openDuration = toText(a.durationSeconds);
    load.maxVus = toText(a.maxVus);
    load.arrivalExtra = aExtra;
  } else if (k.arrivalRate !== undefined) extra.arrivalRate = k.arrivalRate;
  return load;
}

export function emptyLoad(): TLoadDraft {
  return {
    model: "closed",
    vus: "",
    rampUp: "",
    duration: "",
    iterations: "",
    rampDown: "",
    gracefulStop: "",
    perSecond: "",
    openDuration: "",
    maxVus: "",
    arrivalExtra: {},
    extra: {},
  };
}

/** The editor state of a raw (parsed, not yet validated) scenario document. */
export function toEditorState(doc: unknown): TEditorState {
  const raw = isRecord(doc) ? doc : {};
  const [k, extra] = take(raw, ["name", "module", "baseUrl", "load", "steps"]);
  for (const key of ["name", "module", "baseUrl"] as const) if (k[key] !== undefined && typeof k[key] !== "string") extra[key] = k[key];
  if (k.load !== undefined && !isRecord(k.load)) extra.load = k.load;
  if (k.steps !== undefined && !Array.isArray(k.steps)) extra.steps = k.steps;
  return {
    name: typeof k.name === "string" ? k.name : "",
    module: typeof k.module === "string" ? k.module : "",
    baseUrl: typeof k.baseUrl === "string" ? k.baseUrl : "",
    load: loadFrom(k.load),
    steps: Array.isArray(k.steps) ? k.steps.map(stepFrom) : [],
    extra,
  };
}

/** A new scenario: one GET request, 10 VUs for a minute. */
export function newEditorState(module = ""): TEditorState {
  return {
    name: "",
    module,
    baseUrl: "http://127.0.0.1:8080",
    load: { ...emptyLoad(), vus: "10", rampUp: "10", duration: "60" },
    steps: [newStep("request")],
    extra: {},
  };
}

/** A blank step of a kind, as the "Add step" menu creates it. */
export function newStep(kind: TStepKind): TEditorStep {
  const id = newId();
  switch (kind) {
    case "request":
      return {
        id,
        kind,
        request: {
          name: "",
          method: "GET",
          path: "/",
          headers: null,
          query: null,
          bodyMode: "none",
          jsonText: "",
          bodyText: "",
          form: null,
          timeout: "",
          extract: null,
          expect: null,
          extra: {},
        },
      };
    case "think":
      return { id, kind, think: { mode: "fixed", seconds: "1", min: "", max: "", extra: {} } };
    case "rendezvous":
      return { id, kind, rendezvous: { name: "", policyKind: "allVusersPercent", policyValue: "100", policyExtra: {}, timeout: "30", extra: {} } };
    case "transaction":
      return { id, kind, transaction: { name: "", steps: [], extra: {} } };
  }
}

// ---------------------------------------------------------------------------------------------
// State → document

interface TSerialiser {
  issues: TScenarioIssue[];
}

function pairsTo(pairs: TPair[] | null, path: string, ctx: TSerialiser, typed: "string" | "scalar" | "json"): TRaw | undefined {
  if (pairs === null) return undefined;
  const out: TRaw = {};
  const seen = new Set<string>();
  for (const p of pairs) {
    if (p.key === "" && p.value === "") continue; // a row just added and left blank
    if (p.key === "") {
      ctx.issues.push({ path, message: "enter a name for every row" });
      continue;
    }
    if (seen.has(p.key)) ctx.issues.push({ path, message: `“${p.key}” appears twice` });
    seen.add(p.key);
    out[p.key] = pairValue(p, typed);
  }
  return out;
}

function pairValue(p: TPair, typed: "string" | "scalar" | "json"): unknown {
  if (p.original !== undefined && toText(p.original) === p.value) return p.original;
  if (typed === "string") return p.value;
  if (typed === "json") {
    try {
      return JSON.parse(p.value);
    } catch {
      return p.value;
    }
  }
  return p.value; // query/form: new text stays text
}

function jsonBodyTo(r: TRequestDraft, path: string, ctx: TSerialiser): unknown {
  if (r.jsonOriginal !== undefined && JSON.stringify(r.jsonOriginal, null, 2) === r.jsonText) return r.jsonOriginal;
  if (r.jsonText.trim() === "") {
    ctx.issues.push({ path, message: "enter a JSON body, or choose no body" });
    return undefined;
  }
  try {
    return JSON.parse(r.jsonText);
  } catch (error) {
    ctx.issues.push({ path, message: `not valid JSON: ${(error as Error).message}` });
    return undefined;
  }
}

function statusTo(e: TExpectDraft, path: string, ctx: TSerialiser): unknown {
  if (e.statusOriginal !== undefined && toText(Array.isArray(e.statusOriginal) ? e.statusOriginal.map(toText).join(", ") : e.statusOriginal) === e.status)
    return e.statusOriginal;
  const parts = e.status.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  if (!parts.every((p) => /^\d+$/.test(p))) {
    ctx.issues.push({ path, message: "status codes are numbers, separated by commas (e.g. 200, 201)" });
    return undefined;
  }
  const codes = parts.map(Number);
  return codes.length === 1 ? codes[0] : codes;
}

function requestTo(r: TRequestDraft, base: string, ctx: TSerialiser): TRaw {
  const out: TRaw = {};
  if (r.name !== "") out.name = r.name;
  if (r.method !== "") out.method = r.method;
  out.path = r.path;
  setIf(out, "query", pairsTo(r.query, `${base}.query`, ctx, "scalar"));
  setIf(out, "headers", pairsTo(r.headers, `${base}.headers`, ctx, "string"));
  if (r.bodyMode === "json") setIf(out, "json", jsonBodyTo(r, `${base}.json`, ctx));
  if (r.bodyMode === "text") out.body = r.bodyText;
  if (r.bodyMode === "form") out.form = pairsTo(r.form, `${base}.form`, ctx, "scalar") ?? {};
  setIf(out, "timeoutSeconds", numberFromText(r.timeout));
  setIf(out, "followRedirects", r.followRedirects);
  if (r.extract !== null) {
    const extract: TRaw = {};
    for (const row of r.extract) {
      if (row.name === "" && row.expr === "") continue;
      if (row.name === "") ctx.issues.push({ path: `${base}.extract`, message: "enter a variable name for every extractor" });
      else if (row.name in extract) ctx.issues.push({ path: `${base}.extract`, message: `variable “${row.name}” is extracted twice` });
      if (row.raw !== undefined && row.expr === "") {
        extract[row.name] = row.raw;
        continue;
      }
      const ex: TRaw = { [row.kind]: row.expr };
      if (row.kind === "regex") setIf(ex, "group", numberFromText(row.group));
      extract[row.name] = { ...ex, ...row.extra };
    }
    out.extract = extract;
  }
  if (r.expect !== null) {
    const e = r.expect;
    const expect: TRaw = {};
    setIf(expect, "status", statusTo(e, `${base}.expect.status`, ctx));
    if (e.bodyContains !== "") expect.bodyContains = e.bodyContains;
    if (e.bodyNotContains !== "") expect.bodyNotContains = e.bodyNotContains;
    setIf(expect, "json", pairsTo(e.json, `${base}.expect.json`, ctx, "json"));
    out.expect = { ...expect, ...e.extra };
  }
  return { ...out, ...r.extra };
}

function stepTo(step: TEditorStep, path: string, ctx: TSerialiser): unknown {
  switch (step.kind) {
    case "raw":
      return step.raw;
    case "request":
      return { request: requestTo(step.request, `${path}.request`, ctx), ...step.stepExtra };
    case "think": {
      const t = step.think;
      const think: TRaw =
        t.mode === "fixed"
          ? { seconds: numberFromText(t.seconds) ?? t.seconds }
          : { min: numberFromText(t.min) ?? t.min, max: numberFromText(t.max) ?? t.max };
      return { think: { ...think, ...t.extra }, ...step.stepExtra };
    }
    case "rendezvous": {
      const r = step.rendezvous;
      const out: TRaw = { name: r.name };
      if (r.policyKind !== "default") out.policy = { [r.policyKind]: numberFromText(r.policyValue) ?? r.policyValue, ...r.policyExtra };
      setIf(out, "timeoutSeconds", numberFromText(r.timeout));
      return { rendezvous: { ...out, ...r.extra }, ...step.stepExtra };
    }
    case "transaction": {
      const t = step.transaction;
      const steps = t.steps.map((s, i) => stepTo(s, `${path}.transaction.steps.${i}`, ctx));
      return { transaction: { name: t.name, steps, ...t.extra }, ...step.stepExtra };
    }
  }
}

function loadTo(l: TLoadDraft): TRaw {
  const out: TRaw = {};
  setIf(out, "vus", numberFromText(l.vus));
  setIf(out, "rampUpSeconds", numberFromText(l.rampUp));
  setIf(out, "durationSeconds", numberFromText(l.duration));
  setIf(out, "iterations", numberFromText(l.iterations));
  setIf(out, "rampDownSeconds", numberFromText(l.rampDown));
  setIf(out, "gracefulStopSeconds", numberFromText(l.gracefulStop));
  if (l.model === "open") {
    const a: TRaw = {};
    setIf(a, "perSecond", numberFromText(l.perSecond));
    setIf(a, "durationSeconds", numberFromText(l.openDuration));
    setIf(a, "maxVus", numberFromText(l.maxVus));
    out.arrivalRate = { ...a, ...l.arrivalExtra };
  }
  return { ...out, ...l.extra };
}

/** Keys of the document in the order of the file format (README.md, "Scenario format"). */
const DOC_ORDER = ["name", "module", "baseUrl", "headers", "variables", "load", "data", "steps", "thresholds"];

/** The raw scenario document of the state, plus problems the schema cannot see (bad JSON text…). */
export function toDocument(state: TEditorState): { document: TRaw; localIssues: TScenarioIssue[] } {
  const ctx: TSerialiser = { issues: [] };
  const out: TRaw = { ...state.extra };
  out.name = state.name;
  if (state.module !== "") out.module = state.module;
  out.baseUrl = state.baseUrl;
  if (!("load" in state.extra)) out.load = loadTo(state.load);
  if (!("steps" in state.extra)) out.steps = state.steps.map((s, i) => stepTo(s, `steps.${i}`, ctx));
  const ordered: TRaw = {};
  for (const key of DOC_ORDER) if (key in out) ordered[key] = out[key];
  for (const [key, value] of Object.entries(out)) if (!(key in ordered)) ordered[key] = value;
  return { document: ordered, localIssues: ctx.issues };
}

// ---------------------------------------------------------------------------------------------
// Validation

export interface TEditorValidation {
  document: TRaw;
  /** Local problems first, then the schema's. */
  errors: TScenarioIssue[];
  warnings: TScenarioIssue[];
  /** The validated scenario (defaults filled) when there is no error. */
  scenario: TScenario | null;
}

/** Validate the state with the engine's own schema (validateScenario). */
export function validateEditorState(state: TEditorState): TEditorValidation {
  const { document, localIssues } = toDocument(state);
  const result = validateScenario(document);
  if (result.ok && localIssues.length === 0) return { document, errors: [], warnings: result.warnings, scenario: result.scenario };
  return {
    document,
    errors: [...localIssues, ...(result.ok ? [] : result.errors)],
    warnings: result.ok ? result.warnings : warningsOfState(state),
    scenario: null,
  };
}

/** The rendezvous-in-transaction warning even while the scenario has errors elsewhere. */
export function warningsOfState(state: TEditorState): TScenarioIssue[] {
  const out: TScenarioIssue[] = [];
  const visit = (steps: TEditorStep[], base: string, txn: string | null) =>
    steps.forEach((s, i) => {
      const path = `${base}.${i}`;
      if (s.kind === "rendezvous" && txn !== null)
        out.push({ path, message: `rendezvous "${s.rendezvous.name}" is inside transaction "${txn}": put it before the transaction.` });
      if (s.kind === "transaction") visit(s.transaction.steps, `${path}.transaction.steps`, s.transaction.name);
    });
  visit(state.steps, "steps", null);
  return out;
}

/** The load section alone, validated, for the chart (which must not wait for valid steps). */
export function validLoad(state: TEditorState): TScenario["load"] | null {
  const parsed = ZLoad.safeParse(loadTo(state.load));
  return parsed.success ? parsed.data : null;
}

/** Issues grouped by their dotted path. */
export function issuesByPath(issues: readonly TScenarioIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) map.set(i.path, [...(map.get(i.path) ?? []), i.message]);
  return map;
}

/** Dotted path of a step: [2, 0] → "steps.2.transaction.steps.0". */
export function stepPathString(path: TStepPath): string {
  return path.map((i, depth) => (depth === 0 ? `steps.${i}` : `transaction.steps.${i}`)).join(".");
}

/** The step an issue path points into (deepest), or null for scenario-level paths. */
export function stepPathOfIssue(issuePath: string): number[] | null {
  const m = /^steps\.(\d+)((?:\.transaction\.steps\.\d+)*)/.exec(issuePath);
  if (!m || m[1] === undefined) return null;
  const rest = [...(m[2] ?? "").matchAll(/\.transaction\.steps\.(\d+)/g)].map((x) => Number(x[1]));
  return [Number(m[1]), ...rest];
}

/** The id of the step an issue points into (to scroll to it), or null. */
export function stepIdOfIssue(state: TEditorState, issuePath: string): string | null {
  const path = stepPathOfIssue(issuePath);
  return path ? (getStep(state.steps, path)?.id ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Step tree operations (all return new arrays; untouched branches are shared)

export function getStep(steps: readonly TEditorStep[], path: TStepPath): TEditorStep | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  const step = steps[head];
  if (!step || rest.length === 0) return step;
  return step.kind === "transaction" ? getStep(step.transaction.steps, rest) : undefined;
}

/** Replace the list of steps at `parent` ([] = the root list) with `fn(list)`. */
function updateList(steps: TEditorStep[], parent: TStepPath, fn: (list: TEditorStep[]) => TEditorStep[]): TEditorStep[] {
  const [head, ...rest] = parent;
  if (head === undefined) return fn(steps);
  const s = steps[head];
  if (s?.kind !== "transaction") throw new Error(`step ${stepPathString(parent)} is not a transaction`);
  const inner = updateList(s.transaction.steps, rest, fn);
  if (inner === s.transaction.steps) return steps; // nothing changed: keep identity
  return steps.map((x, i) => (i === head ? { ...s, transaction: { ...s.transaction, steps: inner } } : x));
}

function split(path: TStepPath): [TStepPath, number] {
  const index = path.at(-1);
  if (index === undefined) throw new Error("empty step path");
  return [path.slice(0, -1), index];
}

/** Apply `fn` to the step at `path`. */
export function updateStep(steps: TEditorStep[], path: TStepPath, fn: (step: TEditorStep) => TEditorStep): TEditorStep[] {
  const [parent, index] = split(path);
  return updateList(steps, parent, (list) => list.map((s, i) => (i === index ? fn(s) : s)));
}

/** Insert `step` into the list at `parent` (at `index`, default the end); returns its path too. */
export function insertStep(steps: TEditorStep[], parent: TStepPath, step: TEditorStep, index?: number): { steps: TEditorStep[]; path: number[] } {
  let at = 0;
  const next = updateList(steps, parent, (list) => {
    at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), step, ...list.slice(at)];
  });
  return { steps: next, path: [...parent, at] };
}

export function removeStep(steps: TEditorStep[], path: TStepPath): TEditorStep[] {
  const [parent, index] = split(path);
  return updateList(steps, parent, (list) => list.filter((_, i) => i !== index));
}

/** A copy of the step (new ids all the way down) right after it. */
export function duplicateStep(steps: TEditorStep[], path: TStepPath): TEditorStep[] {
  const step = getStep(steps, path);
  if (!step) return steps;
  const [parent, index] = split(path);
  return insertStep(steps, parent, cloneStep(step), index + 1).steps;
}

function cloneStep(step: TEditorStep): TEditorStep {
  const copy = structuredClone(step);
  const renew = (s: TEditorStep) => {
    s.id = newId();
    if (s.kind === "transaction") s.transaction.steps.forEach(renew);
  };
  renew(copy);
  return copy;
}

/** Swap with the previous (-1) or next (+1) sibling; unchanged at either end. */
export function moveStep(steps: TEditorStep[], path: TStepPath, direction: -1 | 1): TEditorStep[] {
  const [parent, index] = split(path);
  return updateList(steps, parent, (list) => {
    const target = index + direction;
    if (target < 0 || target >= list.length) return list;
    const next = [...list];
    [next[index], next[target]] = [next[target] as TEditorStep, next[index] as TEditorStep];
    return next;
  });
}

/**
 * Where "move into transaction" puts a step: the next sibling transaction (as its first step —
 * a rendezvous right before a transaction moves in at its start), else the previous one (last).
 */
export function nestTarget(steps: readonly TEditorStep[], path: TStepPath): { transactionPath: number[]; name: string; position: "first" | "last" } | null {
  const [parent, index] = split(path);
  const siblings = parent.length === 0 ? steps : (() => {
    const p = getStep(steps, parent);
    return p?.kind === "transaction" ? p.transaction.steps : [];
  })();
  const next = siblings[index + 1];
  if (next?.kind === "transaction") return { transactionPath: [...parent, index + 1], name: next.transaction.name, position: "first" };
  const prev = siblings[index - 1];
  if (prev?.kind === "transaction") return { transactionPath: [...parent, index - 1], name: prev.transaction.name, position: "last" };
  return null;
}

/** Move the step into the adjacent transaction (see nestTarget); returns the new path. */
export function nestStep(steps: TEditorStep[], path: TStepPath): { steps: TEditorStep[]; path: number[] } {
  const target = nestTarget(steps, path);
  const step = getStep(steps, path);
  if (!target || !step) return { steps, path: [...path] };
  const [, index] = split(path);
  const removed = removeStep(steps, path);
  // Removing a step before the target shifts the target up by one.
  const tp = [...target.transactionPath];
  const last = tp.length - 1;
  if ((tp[last] as number) > index) tp[last] = (tp[last] as number) - 1;
  return insertStep(removed, tp, step, target.position === "first" ? 0 : undefined);
}

/**
 * Move the step out of its transaction: before it when it was the first step, else after it
 * (so "move in" then "move out" puts a step back where it was); "before" always puts it before
 * (the fix for a rendezvous inside a transaction).
 */
export function unnestStep(steps: TEditorStep[], path: TStepPath, placement: "auto" | "before" = "auto"): { steps: TEditorStep[]; path: number[] } {
  const [parent, index] = split(path);
  const step = getStep(steps, path);
  if (parent.length === 0 || !step) return { steps, path: [...path] };
  const [grandparent, parentIndex] = split(parent);
  const removed = removeStep(steps, path);
  return insertStep(removed, grandparent, step, index === 0 || placement === "before" ? parentIndex : parentIndex + 1);
}

/** Switch the load model, carrying VUs and duration over so the user does not retype them. */
export function setLoadModel(load: TLoadDraft, model: "closed" | "open"): TLoadDraft {
  if (load.model === model) return load;
  if (model === "open")
    return {
      ...load,
      model,
      maxVus: load.maxVus || load.vus,
      openDuration: load.openDuration || load.duration,
      perSecond: load.perSecond || "1",
      vus: "",
      duration: "",
      iterations: "",
    };
  return { ...load, model, vus: load.vus || load.maxVus, duration: load.duration || load.openDuration };
}

// ---------------------------------------------------------------------------------------------
// Files: the engine's YAML / JSON format

export type TFileFormat = "yaml" | "json";

/** The document as the engine's file format. */
export function serialiseDocument(document: unknown, format: TFileFormat): string {
  return format === "json" ? `${JSON.stringify(document, null, 2)}\n` : stringifyYaml(document, { lineWidth: 0 });
}

/** JSON when the text starts like JSON, else YAML (JSON is YAML too, but errors read better). */
export function guessFormat(text: string, fileName?: string): TFileFormat {
  if (fileName && /\.json$/i.test(fileName)) return "json";
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

/**
 * Read a scenario file into editor state. Syntax errors and a document that is not a scenario
 * object refuse the import; field errors do not (the editor shows them next to the fields).
 */
export function importScenarioText(text: string, format: TFileFormat): { ok: true; state: TEditorState; document: unknown } | { ok: false; errors: TScenarioIssue[] } {
  let raw: unknown;
  try {
    raw = format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: `not valid ${format.toUpperCase()}: ${String((error as Error).message).split("\n")[0]}` }] };
  }
  if (!isRecord(raw)) return { ok: false, errors: [{ path: "", message: "the file must contain one scenario object (name, baseUrl, load, steps)" }] };
  return { ok: true, state: toEditorState(raw), document: raw };
}

// ---------------------------------------------------------------------------------------------
// Chart data

/**
 * The step-wise VU curve as at most ~`maxPoints` points for the chart: exact when small,
 * else sampled evenly (a 100 000-VU ramp has 200 000 events; the chart needs a few hundred).
 */
export function chartPoints(points: readonly { t: number; vus: number }[], endSeconds: number, maxPoints = 400): { t: number; vus: number }[] {
  const valueAt = (t: number) => {
    let lo = 0;
    let hi = points.length - 1;
    let v = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = points[mid] as { t: number; vus: number };
      if (p.t <= t) {
        v = p.vus;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return v;
  };
  if (points.length * 2 <= maxPoints) {
    // Exact step shape: hold each value until the next point.
    const out: { t: number; vus: number }[] = [];
    points.forEach((p, i) => {
      const prev = out.at(-1);
      if (i > 0 && prev) out.push({ t: p.t, vus: prev.vus });
      out.push({ t: p.t, vus: p.vus });
    });
    const last = out.at(-1);
    if (last && last.t < endSeconds) out.push({ t: endSeconds, vus: last.vus });
    return out;
  }
  const out: { t: number; vus: number }[] = [];
  const n = maxPoints - 1;
  for (let i = 0; i <= n; i++) {
    const t = (endSeconds * i) / n;
    out.push({ t: Math.round(t * 1000) / 1000, vus: valueAt(t) });
  }
  return out;
}
