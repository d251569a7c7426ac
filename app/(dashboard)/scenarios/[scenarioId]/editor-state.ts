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
 * field for (thresholds, unknown keys, values of the wrong type…) ride along in `extra`, and
 * typed values keep their type while their text is unchanged (`original`).
 *
 * Paths into the step lists and the operations on them: step-tree.ts.
 */
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import {
  validateScenario,
  type TScenario,
  type TScenarioIssue,
  ZLoad,
} from "@/lib/engine/scenario";

export type TRaw = Record<string, unknown>;

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
  /** The value set when nothing matches (null = not set: the sample fails instead). */
  defaultValue: string | null;
  /** JMeter's match number as typed: 1 first (default), N the Nth, 0 random, -1 all. */
  match: string;
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
  /** Duration assertion (ms), as typed. */
  maxMs: string;
  /** expect.variables, one row per check (null: none, or a shape the form cannot show, kept in `extra`). */
  variables: TVariableCheckRow[] | null;
  extra: TRaw;
}

/** The checks `expect.variables` takes on a variable's value. */
export const VARIABLE_CHECKS = ["equals", "notEquals", "contains", "notContains", "matches", "notMatches"] as const;
export type TVariableCheckKind = (typeof VARIABLE_CHECKS)[number];

/** One check on one variable (a variable with several checks has several rows). */
export interface TVariableCheckRow {
  name: string;
  check: TVariableCheckKind;
  value: string;
}

export type TBodyMode = "none" | "json" | "text" | "form" | "multipart";

/** One file part of a multipart body: inline content (the dashboard) or a path the CLI reads. */
export interface TMultipartFileDraft {
  field: string;
  /** "" = not set. */
  filename: string;
  /** "" = not set (the engine's application/octet-stream). */
  contentType: string;
  source: "content" | "file";
  content: string;
  file: string;
  extra: TRaw;
}

export interface TMultipartDraft {
  fields: TPair[] | null;
  files: TMultipartFileDraft[] | null;
  extra: TRaw;
}

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
  multipart: TMultipartDraft | null;
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

/** `count` passes (a number or a ${…} template) or `while` a condition holds (at most maxIterations). */
export interface TLoopDraft {
  mode: "count" | "while";
  count: string;
  countOriginal?: unknown;
  while: string;
  maxIterations: string;
  steps: TEditorStep[];
  extra: TRaw;
}

export interface TForEachDraft {
  list: string;
  as: string;
  steps: TEditorStep[];
  extra: TRaw;
}

export interface TIfDraft {
  condition: string;
  then: TEditorStep[];
  /** null = no else branch. */
  else: TEditorStep[] | null;
  extra: TRaw;
}

export interface TChooseBranchDraft {
  /** Stable React key; never serialised. */
  id: string;
  weight: string;
  weightOriginal?: unknown;
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
  | (TStepBase & { kind: "loop"; loop: TLoopDraft })
  | (TStepBase & { kind: "forEach"; forEach: TForEachDraft })
  | (TStepBase & { kind: "if"; if: TIfDraft })
  | (TStepBase & { kind: "choose"; choose: TChooseBranchDraft[] })
  /** A step the editor cannot show as a form; kept verbatim (edit it in the YAML tab). */
  | (TStepBase & { kind: "raw"; raw: unknown });

export type TStepKind = Exclude<TEditorStep["kind"], "raw">;
export const STEP_KINDS: readonly TStepKind[] = ["request", "think", "transaction", "rendezvous", "loop", "forEach", "if", "choose"];

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

/** none | everySeconds | a random interval min–max | afterSeconds (after the iteration ends). */
export interface TPacingDraft {
  mode: "none" | "every" | "random" | "after";
  every: string;
  min: string;
  max: string;
  after: string;
  extra: TRaw;
}

export type TCookiesMode = "on" | "off" | "clear";

export interface TCookiesDraft {
  mode: TCookiesMode;
  /** The value loaded (undefined = absent: on); written back while the mode still reads the same. */
  original?: unknown;
}

/** One CSV data set. */
export interface TDataDraft {
  id: string;
  source: "csv" | "file";
  csv: string;
  file: string;
  /** "" = not set (sequential). */
  mode: string;
  /** "" = not set (","). */
  delimiter: string;
  /** Column names, comma-separated ("" = the first row is the header). */
  columns: string;
  columnsOriginal?: unknown;
  extra: TRaw;
}

/** The three step lists of a scenario: once per VU before, every iteration, once per VU at stop. */
export interface TStepTree {
  /** null = absent. */
  init: TEditorStep[] | null;
  steps: TEditorStep[];
  end: TEditorStep[] | null;
}

export interface TEditorState extends TStepTree {
  name: string;
  module: string;
  baseUrl: string;
  headers: TPair[] | null;
  variables: TPair[] | null;
  cookies: TCookiesDraft;
  pacing: TPacingDraft;
  load: TLoadDraft;
  data: TDataDraft[] | null;
  /** `data` was (and is written as) a list rather than one object. */
  dataIsList: boolean;
  /** thresholds and unknown keys: kept as they are. */
  extra: TRaw;
}

/**
 * Where a step sits: its root list, then (index, child list)* and its index, as in the schema's
 * issue paths — ["steps", 2, "loop.steps", 0] is `steps.2.loop.steps.0`. A list's path is the
 * same without the last index: ["steps"], ["steps", 2, "if.else"], ["init"].
 */
export type TStepPath = readonly (string | number)[];

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

// ---------------------------------------------------------------------------------------------
// Small helpers

let nextStepId = 1;
export function newId(): string {
  return `step-${nextStepId++}`;
}

export function isRecord(v: unknown): v is TRaw {
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

/** A string field: the text, or "" with a value of another type kept in `extra` (the schema reports it). */
function textOf(k: TRaw, key: string, extra: TRaw): string {
  if (typeof k[key] === "string") return k[key];
  if (k[key] !== undefined) extra[key] = k[key];
  return "";
}

/** A number field as text; a value of another type is kept in `extra`. */
function numberTextOf(k: TRaw, key: string, extra: TRaw): string {
  if (typeof k[key] === "number") return String(k[key]);
  if (k[key] !== undefined) extra[key] = k[key];
  return "";
}

function requestFrom(raw: TRaw): TRequestDraft {
  const [k, extra] = take(raw, ["name", "method", "path", "headers", "query", "json", "body", "form", "multipart", "timeoutSeconds", "followRedirects", "extract", "expect"]);
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
    multipart: null,
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
  const bodies = (["json", "body", "form", "multipart"] as const).filter((b) => k[b] !== undefined);
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
    } else if (i === 0 && b === "multipart" && isRecord(k.multipart) && multipartReadable(k.multipart)) {
      draft.bodyMode = "multipart";
      draft.multipart = multipartFrom(k.multipart);
    } else extra[b] = k[b];
  });
  if (isRecord(k.extract)) {
    draft.extract = Object.entries(k.extract).map(([name, ex]) => extractFrom(name, ex));
  } else if (k.extract !== undefined) extra.extract = k.extract;
  if (isRecord(k.expect)) {
    const [e, eExtra] = take(k.expect, ["status", "bodyContains", "bodyNotContains", "json", "maxMs", "variables"]);
    draft.expect = {
      status: Array.isArray(e.status) ? e.status.map(toText).join(", ") : toText(e.status),
      statusOriginal: e.status,
      bodyContains: typeof e.bodyContains === "string" ? e.bodyContains : "",
      bodyNotContains: typeof e.bodyNotContains === "string" ? e.bodyNotContains : "",
      json: pairsFrom(e.json),
      maxMs: numberTextOf(e, "maxMs", eExtra),
      variables: variableChecksFrom(e.variables),
      extra: eExtra,
    };
    if (e.variables !== undefined && variableChecksFrom(e.variables) === null) eExtra.variables = e.variables;
    for (const key of ["bodyContains", "bodyNotContains"] as const)
      if (e[key] !== undefined && typeof e[key] !== "string") eExtra[key] = e[key];
    if (e.json !== undefined && !isRecord(e.json)) eExtra.json = e.json;
  } else if (k.expect !== undefined) extra.expect = k.expect;
  return draft;
}

/** expect.variables as rows, or null when absent, empty or not made of string checks the form knows. */
function variableChecksFrom(v: unknown): TVariableCheckRow[] | null {
  if (!isRecord(v)) return null;
  const rows: TVariableCheckRow[] = [];
  for (const [name, checks] of Object.entries(v)) {
    if (!isRecord(checks) || Object.keys(checks).length === 0) return null;
    for (const [check, value] of Object.entries(checks)) {
      if (!(VARIABLE_CHECKS as readonly string[]).includes(check) || typeof value !== "string") return null;
      rows.push({ name, check: check as TVariableCheckKind, value });
    }
  }
  return rows.length > 0 ? rows : null;
}

/** Rows back to expect.variables; a row without a name is an issue, one check twice on a variable too. */
function variableChecksTo(rows: TVariableCheckRow[] | null, path: string, ctx: TSerialiser): TRaw | undefined {
  if (rows === null) return undefined;
  const out: Record<string, TRaw> = {};
  for (const row of rows) {
    if (row.name === "" && row.value === "") continue; // a row just added and left blank
    if (row.name === "") {
      ctx.issues.push({ path, message: "enter a variable name for every check" });
      continue;
    }
    const checks = (out[row.name] ??= {});
    if (checks[row.check] !== undefined) ctx.issues.push({ path: `${path}.${row.name}.${row.check}`, message: `${row.check} appears twice on “${row.name}”` });
    checks[row.check] = row.value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** A multipart body the form can show: fields an object, files a list of objects (else it rides in `extra`). */
function multipartReadable(m: TRaw): boolean {
  return (m.fields === undefined || isRecord(m.fields)) && (m.files === undefined || (Array.isArray(m.files) && m.files.every(isRecord)));
}

function multipartFrom(m: TRaw): TMultipartDraft {
  const [k, extra] = take(m, ["fields", "files"]);
  const files = Array.isArray(k.files)
    ? (k.files as TRaw[]).map((f): TMultipartFileDraft => {
        const [fk, fExtra] = take(f, ["field", "filename", "contentType", "content", "file"]);
        // Both or neither of content/file is invalid: show content, keep `file` as written.
        const source = fk.content === undefined && typeof fk.file === "string" ? "file" : "content";
        const draft: TMultipartFileDraft = {
          field: textOf(fk, "field", fExtra),
          filename: textOf(fk, "filename", fExtra),
          contentType: textOf(fk, "contentType", fExtra),
          source,
          content: source === "content" ? textOf(fk, "content", fExtra) : "",
          file: source === "file" ? (fk.file as string) : "",
          extra: fExtra,
        };
        if (source === "content" && fk.file !== undefined) fExtra.file = fk.file;
        return draft;
      })
    : null;
  return { fields: pairsFrom(k.fields), files, extra };
}

function extractFrom(name: string, ex: unknown): TExtractRow {
  if (!isRecord(ex)) return { name, kind: "json", expr: "", group: "", defaultValue: null, match: "", extra: {}, raw: ex };
  const kind = (["json", "regex", "header"] as const).find((k) => typeof ex[k] === "string") ?? "json";
  const [k, extra] = take(ex, [kind, "default", "match", ...(kind === "regex" ? ["group"] : [])]);
  const row: TExtractRow = { name, kind, expr: typeof k[kind] === "string" ? k[kind] : "", group: "", defaultValue: null, match: numberTextOf(k, "match", extra), extra };
  if (kind === "regex") row.group = numberTextOf(k, "group", extra);
  if (typeof k.default === "string") row.defaultValue = k.default;
  else if (k.default !== undefined) extra.default = k.default;
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

/** A step list as written, or null when it is not a list (the caller keeps such a step raw). */
function stepsFrom(v: unknown): TEditorStep[] | null {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(stepFrom) : null;
}

function loopFrom(raw: TRaw): TLoopDraft | null {
  const mode = raw.while !== undefined && raw.count === undefined ? "while" : "count";
  const [k, extra] = take(raw, [mode, "maxIterations", "steps"]);
  const steps = stepsFrom(k.steps);
  if (!steps) return null;
  const draft: TLoopDraft = { mode, count: "", while: "", maxIterations: numberTextOf(k, "maxIterations", extra), steps, extra };
  if (mode === "while") draft.while = textOf(k, "while", extra);
  else if (typeof k.count === "number" || typeof k.count === "string") {
    draft.count = String(k.count);
    draft.countOriginal = k.count;
  } else if (k.count !== undefined) extra.count = k.count;
  return draft;
}

function forEachFrom(raw: TRaw): TForEachDraft | null {
  const [k, extra] = take(raw, ["list", "as", "steps"]);
  const steps = stepsFrom(k.steps);
  if (!steps) return null;
  return { list: textOf(k, "list", extra), as: textOf(k, "as", extra), steps, extra };
}

function ifFrom(raw: TRaw): TIfDraft | null {
  const [k, extra] = take(raw, ["condition", "then", "else"]);
  const then = stepsFrom(k.then);
  const otherwise = k.else === undefined ? null : stepsFrom(k.else);
  if (!then || (k.else !== undefined && !otherwise)) return null;
  return { condition: textOf(k, "condition", extra), then, else: otherwise, extra };
}

function chooseFrom(raw: unknown[]): TChooseBranchDraft[] | null {
  if (!raw.every(isRecord)) return null;
  const branches: TChooseBranchDraft[] = [];
  for (const b of raw as TRaw[]) {
    const [k, extra] = take(b, ["weight", "steps"]);
    const steps = stepsFrom(k.steps);
    if (!steps) return null;
    const branch: TChooseBranchDraft = { id: newId(), weight: "", steps, extra };
    if (typeof k.weight === "number") {
      branch.weight = String(k.weight);
      branch.weightOriginal = k.weight;
    } else if (k.weight !== undefined) extra.weight = k.weight;
    branches.push(branch);
  }
  return branches;
}

function stepFrom(raw: unknown): TEditorStep {
  const id = newId();
  if (!isRecord(raw)) return { id, kind: "raw", raw };
  const kind = STEP_KINDS.find((k) => (k === "choose" ? Array.isArray(raw[k]) : isRecord(raw[k])));
  if (!kind) return { id, kind: "raw", raw };
  const [, stepExtra] = take(raw, [kind]);
  const extraPart = Object.keys(stepExtra).length > 0 ? { stepExtra } : {};
  const body = raw[kind] as TRaw;
  const rawStep: TEditorStep = { id, kind: "raw", raw };
  switch (kind) {
    case "request":
      return { id, kind, request: requestFrom(body), ...extraPart };
    case "think":
      return { id, kind, think: thinkFrom(body), ...extraPart };
    case "rendezvous":
      return { id, kind, rendezvous: rendezvousFrom(body), ...extraPart };
    case "transaction": {
      const [k, extra] = take(body, ["name", "steps"]);
      const steps = stepsFrom(k.steps);
      if (!steps) return rawStep;
      return { id, kind, transaction: { name: typeof k.name === "string" ? k.name : "", steps, extra }, ...extraPart };
    }
    case "loop": {
      const loop = loopFrom(body);
      return loop ? { id, kind, loop, ...extraPart } : rawStep;
    }
    case "forEach": {
      const forEach = forEachFrom(body);
      return forEach ? { id, kind, forEach, ...extraPart } : rawStep;
    }
    case "if": {
      const draft = ifFrom(body);
      return draft ? { id, kind, if: draft, ...extraPart } : rawStep;
    }
    case "choose": {
      const choose = chooseFrom(raw.choose as unknown[]);
      return choose ? { id, kind, choose, ...extraPart } : rawStep;
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

export function emptyPacing(): TPacingDraft {
  return { mode: "none", every: "", min: "", max: "", after: "", extra: {} };
}

const PACING_KEYS = { every: ["everySeconds"], random: ["min", "max"], after: ["afterSeconds"] } as const;

/** The pacing draft, or null when the value is not one the form can show (kept as written). */
function pacingFrom(raw: TRaw): TPacingDraft | null {
  const mode = raw.everySeconds !== undefined ? "every" : raw.afterSeconds !== undefined ? "after" : raw.min !== undefined || raw.max !== undefined ? "random" : null;
  if (!mode) return null;
  const [k, extra] = take(raw, PACING_KEYS[mode]);
  const p: TPacingDraft = { ...emptyPacing(), mode, extra };
  if (mode === "every") p.every = numberTextOf(k, "everySeconds", extra);
  if (mode === "after") p.after = numberTextOf(k, "afterSeconds", extra);
  if (mode === "random") {
    p.min = numberTextOf(k, "min", extra);
    p.max = numberTextOf(k, "max", extra);
  }
  return p;
}

/** The mode a cookies value reads as (anything unreadable as "on": kept as written, the schema says why). */
export function cookiesMode(v: unknown): TCookiesMode {
  if (v === false) return "off";
  if (isRecord(v) && v.clearEachIteration === true) return "clear";
  return "on";
}

function dataFrom(raw: TRaw): TDataDraft {
  const source = raw.csv === undefined && typeof raw.file === "string" ? "file" : "csv";
  const [k, extra] = take(raw, [source, "mode", "delimiter", "columns"]);
  const d: TDataDraft = { id: newId(), source, csv: "", file: "", mode: textOf(k, "mode", extra), delimiter: textOf(k, "delimiter", extra), columns: "", extra };
  if (source === "csv") d.csv = textOf(k, "csv", extra);
  else d.file = k.file as string;
  if (Array.isArray(k.columns) && k.columns.every((c) => typeof c === "string")) {
    d.columns = k.columns.join(", ");
    d.columnsOriginal = k.columns;
  } else if (k.columns !== undefined) extra.columns = k.columns;
  return d;
}

/** The editor state of a raw (parsed, not yet validated) scenario document. */
export function toEditorState(doc: unknown): TEditorState {
  const raw = isRecord(doc) ? doc : {};
  const [k, extra] = take(raw, ["name", "module", "baseUrl", "headers", "variables", "cookies", "pacing", "load", "data", "init", "steps", "end"]);
  for (const key of ["name", "module", "baseUrl"] as const) if (k[key] !== undefined && typeof k[key] !== "string") extra[key] = k[key];
  for (const key of ["headers", "variables", "load"] as const) if (k[key] !== undefined && !isRecord(k[key])) extra[key] = k[key];
  for (const key of ["init", "steps", "end"] as const) if (k[key] !== undefined && !Array.isArray(k[key])) extra[key] = k[key];
  const pacing = isRecord(k.pacing) ? pacingFrom(k.pacing) : null;
  if (k.pacing !== undefined && !pacing) extra.pacing = k.pacing;
  let data: TDataDraft[] | null = null;
  if (isRecord(k.data)) data = [dataFrom(k.data)];
  else if (Array.isArray(k.data) && k.data.length > 0 && k.data.every(isRecord)) data = (k.data as TRaw[]).map(dataFrom);
  else if (k.data !== undefined) extra.data = k.data;
  return {
    name: typeof k.name === "string" ? k.name : "",
    module: typeof k.module === "string" ? k.module : "",
    baseUrl: typeof k.baseUrl === "string" ? k.baseUrl : "",
    headers: pairsFrom(k.headers),
    variables: pairsFrom(k.variables),
    cookies: { mode: cookiesMode(k.cookies), original: k.cookies },
    pacing: pacing ?? emptyPacing(),
    load: loadFrom(k.load),
    data,
    dataIsList: Array.isArray(k.data),
    init: Array.isArray(k.init) ? k.init.map(stepFrom) : null,
    steps: Array.isArray(k.steps) ? k.steps.map(stepFrom) : [],
    end: Array.isArray(k.end) ? k.end.map(stepFrom) : null,
    extra,
  };
}

/** A new scenario: one GET request, 10 VUs for a minute. */
export function newEditorState(module = ""): TEditorState {
  return {
    name: "",
    module,
    baseUrl: "http://127.0.0.1:8080",
    headers: null,
    variables: null,
    cookies: { mode: "on" },
    pacing: emptyPacing(),
    load: { ...emptyLoad(), vus: "10", rampUp: "10", duration: "60" },
    data: null,
    dataIsList: false,
    init: null,
    steps: [newStep("request")],
    end: null,
    extra: {},
  };
}

/** A blank data set (inline CSV with a header row). */
export function newDataSet(): TDataDraft {
  return { id: newId(), source: "csv", csv: "user,password\n", file: "", mode: "", delimiter: "", columns: "", extra: {} };
}

/** A blank choose branch. */
export function newBranch(weight = "50"): TChooseBranchDraft {
  return { id: newId(), weight, steps: [], extra: {} };
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
          multipart: null,
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
    case "loop":
      return { id, kind, loop: { mode: "count", count: "2", while: "", maxIterations: "", steps: [], extra: {} } };
    case "forEach":
      return { id, kind, forEach: { list: "", as: "", steps: [], extra: {} } };
    case "if":
      return { id, kind, if: { condition: "", then: [], else: null, extra: {} } };
    case "choose":
      return { id, kind, choose: [newBranch(), newBranch()] };
  }
}

/**
 * The child step lists of a step with their path keys (as the schema's paths: "loop.steps",
 * "if.then", "choose.1.steps"); an absent else is left out.
 */
export function childLists(step: TEditorStep): [string, TEditorStep[]][] {
  switch (step.kind) {
    case "transaction":
      return [["transaction.steps", step.transaction.steps]];
    case "loop":
      return [["loop.steps", step.loop.steps]];
    case "forEach":
      return [["forEach.steps", step.forEach.steps]];
    case "if":
      return step.if.else ? [["if.then", step.if.then], ["if.else", step.if.else]] : [["if.then", step.if.then]];
    case "choose":
      return step.choose.map((b, i) => [`choose.${i}.steps`, b.steps]);
    default:
      return [];
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
  if (r.bodyMode === "multipart") out.multipart = multipartTo(r.multipart ?? { fields: null, files: null, extra: {} }, `${base}.multipart`, ctx);
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
      setIf(ex, "default", row.defaultValue ?? undefined);
      setIf(ex, "match", numberFromText(row.match));
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
    setIf(expect, "maxMs", numberFromText(e.maxMs));
    setIf(expect, "variables", variableChecksTo(e.variables, `${base}.expect.variables`, ctx));
    out.expect = { ...expect, ...e.extra };
  }
  return { ...out, ...r.extra };
}

function multipartTo(m: TMultipartDraft, base: string, ctx: TSerialiser): TRaw {
  const out: TRaw = {};
  setIf(out, "fields", pairsTo(m.fields, `${base}.fields`, ctx, "scalar"));
  if (m.files !== null)
    out.files = m.files.map((f) => {
      const file: TRaw = { field: f.field };
      if (f.filename !== "") file.filename = f.filename;
      if (f.contentType !== "") file.contentType = f.contentType;
      if (f.source === "content") file.content = f.content;
      else file.file = f.file;
      return { ...file, ...f.extra };
    });
  return { ...out, ...m.extra };
}

/** Typed text back to its loaded value while it still reads the same (a "3" string stays a string). */
function keepOriginal(text: string, original: unknown): unknown {
  if (original !== undefined && toText(original) === text) return original;
  return numberFromText(text);
}

function stepsTo(steps: TEditorStep[], base: string, ctx: TSerialiser): unknown[] {
  return steps.map((s, i) => stepTo(s, `${base}.${i}`, ctx));
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
      return { transaction: { name: t.name, steps: stepsTo(t.steps, `${path}.transaction.steps`, ctx), ...t.extra }, ...step.stepExtra };
    }
    case "loop": {
      const l = step.loop;
      const out: TRaw = {};
      if (l.mode === "count") setIf(out, "count", keepOriginal(l.count, l.countOriginal));
      else out.while = l.while;
      setIf(out, "maxIterations", numberFromText(l.maxIterations));
      out.steps = stepsTo(l.steps, `${path}.loop.steps`, ctx);
      return { loop: { ...out, ...l.extra }, ...step.stepExtra };
    }
    case "forEach": {
      const f = step.forEach;
      return { forEach: { list: f.list, as: f.as, steps: stepsTo(f.steps, `${path}.forEach.steps`, ctx), ...f.extra }, ...step.stepExtra };
    }
    case "if": {
      const c = step.if;
      const out: TRaw = { condition: c.condition, then: stepsTo(c.then, `${path}.if.then`, ctx) };
      if (c.else !== null) out.else = stepsTo(c.else, `${path}.if.else`, ctx);
      return { if: { ...out, ...c.extra }, ...step.stepExtra };
    }
    case "choose": {
      const choose = step.choose.map((b, i) => {
        const out: TRaw = {};
        setIf(out, "weight", keepOriginal(b.weight, b.weightOriginal));
        out.steps = stepsTo(b.steps, `${path}.choose.${i}.steps`, ctx);
        return { ...out, ...b.extra };
      });
      return { choose, ...step.stepExtra };
    }
  }
}

function pacingTo(p: TPacingDraft): TRaw | undefined {
  const out: TRaw = {};
  switch (p.mode) {
    case "none":
      return undefined;
    case "every":
      out.everySeconds = numberFromText(p.every);
      break;
    case "after":
      out.afterSeconds = numberFromText(p.after);
      break;
    case "random":
      out.min = numberFromText(p.min);
      out.max = numberFromText(p.max);
      break;
  }
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return { ...out, ...p.extra };
}

function cookiesTo(c: TCookiesDraft): unknown {
  if (c.original !== undefined && cookiesMode(c.original) === c.mode) return c.original;
  // "on" is the default: written only when the document said so.
  return c.mode === "off" ? false : c.mode === "clear" ? { clearEachIteration: true } : undefined;
}

function dataTo(d: TDataDraft): TRaw {
  const out: TRaw = d.source === "csv" ? { csv: d.csv } : { file: d.file };
  if (d.mode !== "") out.mode = d.mode;
  if (d.delimiter !== "") out.delimiter = d.delimiter;
  if (d.columnsOriginal !== undefined && toText((d.columnsOriginal as string[]).join(", ")) === d.columns) out.columns = d.columnsOriginal;
  else if (d.columns.trim() !== "") out.columns = d.columns.split(",").map((c) => c.trim());
  return { ...out, ...d.extra };
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

/** Keys of the document in the order of the file format (docs/scenario-format.md). */
const DOC_ORDER = ["name", "module", "baseUrl", "headers", "variables", "cookies", "pacing", "load", "data", "init", "steps", "end", "thresholds"];

/** The raw scenario document of the state, plus problems the schema cannot see (bad JSON text…). */
export function toDocument(state: TEditorState): { document: TRaw; localIssues: TScenarioIssue[] } {
  const ctx: TSerialiser = { issues: [] };
  const out: TRaw = { ...state.extra };
  out.name = state.name;
  if (state.module !== "") out.module = state.module;
  out.baseUrl = state.baseUrl;
  setIf(out, "headers", pairsTo(state.headers, "headers", ctx, "string"));
  setIf(out, "variables", pairsTo(state.variables, "variables", ctx, "scalar"));
  setIf(out, "cookies", cookiesTo(state.cookies));
  setIf(out, "pacing", pacingTo(state.pacing));
  if (!("load" in state.extra)) out.load = loadTo(state.load);
  if (state.data !== null) {
    const sets = state.data.map(dataTo);
    out.data = sets.length === 1 && !state.dataIsList ? sets[0] : sets;
  }
  if (state.init !== null) out.init = stepsTo(state.init, "init", ctx);
  if (!("steps" in state.extra)) out.steps = stepsTo(state.steps, "steps", ctx);
  if (state.end !== null) out.end = stepsTo(state.end, "end", ctx);
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
export function warningsOfState(state: TStepTree): TScenarioIssue[] {
  const out: TScenarioIssue[] = [];
  const visit = (steps: TEditorStep[], base: string, txn: string | null) =>
    steps.forEach((s, i) => {
      const path = `${base}.${i}`;
      if (s.kind === "rendezvous" && txn !== null)
        out.push({ path, message: `rendezvous "${s.rendezvous.name}" is inside transaction "${txn}": put it before the transaction.` });
      const inner = s.kind === "transaction" ? s.transaction.name : txn;
      for (const [key, list] of childLists(s)) visit(list, `${path}.${key}`, inner);
    });
  if (state.init) visit(state.init, "init", null);
  visit(state.steps, "steps", null);
  if (state.end) visit(state.end, "end", null);
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
