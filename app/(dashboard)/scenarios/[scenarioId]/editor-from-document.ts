import {
  STEP_KINDS,
  type TChooseBranchDraft,
  type TCookiesMode,
  type TDataDraft,
  type TEditorState,
  type TEditorStep,
  type TExtractRow,
  type TForEachDraft,
  type TIfDraft,
  type TLoadDraft,
  type TLoopDraft,
  type TMultipartDraft,
  type TMultipartFileDraft,
  type TPacingDraft,
  type TPair,
  type TRaw,
  type TRendezvousDraft,
  type TRequestDraft,
  type TStepKind,
  type TThinkDraft,
  type TVariableCheckKind,
  type TVariableCheckRow,
  VARIABLE_CHECKS,
} from "./editor-state.types";
import { isRecord, newId, take, toText } from "./editor-helpers";
import { type TSerialiser } from "./editor-to-document";

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
  const [k, extra] = take(raw, [
    "name",
    "method",
    "path",
    "headers",
    "query",
    "json",
    "body",
    "form",
    "multipart",
    "timeoutSeconds",
    "followRedirects",
    "extract",
    "expect",
  ]);
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
export function variableChecksTo(rows: TVariableCheckRow[] | null, path: string, ctx: TSerialiser): TRaw | undefined {
  if (rows === null) return undefined;
  const out: Record<string, TRaw> = {};
  for (const row of rows) {
    if (row.name === "" && row.value === "") continue; // a row just added and left blank
    if (row.name === "") {
      ctx.issues.push({ path, message: "enter a variable name for every check" });
      continue;
    }
    const checks = (out[row.name] ??= {});
    if (checks[row.check] !== undefined)
      ctx.issues.push({ path: `${path}.${row.name}.${row.check}`, message: `${row.check} appears twice on “${row.name}”` });
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
  const row: TExtractRow = {
    name,
    kind,
    expr: typeof k[kind] === "string" ? k[kind] : "",
    group: "",
    defaultValue: null,
    match: numberTextOf(k, "match", extra),
    extra,
  };
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
    const kind = (["allVusersPercent", "runningVusersPercent", "count"] as const).find(
      (p) => k.policy && (k.policy as TRaw)[p] !== undefined,
    );
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
  const [k, extra] = take(raw, [
    "vus",
    "rampUpSeconds",
    "durationSeconds",
    "iterations",
    "rampDownSeconds",
    "gracefulStopSeconds",
    "arrivalRate",
  ]);
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
  const mode =
    raw.everySeconds !== undefined
      ? "every"
      : raw.afterSeconds !== undefined
        ? "after"
        : raw.min !== undefined || raw.max !== undefined
          ? "random"
          : null;
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
  const d: TDataDraft = {
    id: newId(),
    source,
    csv: "",
    file: "",
    mode: textOf(k, "mode", extra),
    delimiter: textOf(k, "delimiter", extra),
    columns: "",
    extra,
  };
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
  const [k, extra] = take(raw, [
    "name",
    "module",
    "baseUrl",
    "headers",
    "variables",
    "cookies",
    "pacing",
    "load",
    "data",
    "init",
    "steps",
    "end",
  ]);
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
      return {
        id,
        kind,
        rendezvous: { name: "", policyKind: "allVusersPercent", policyValue: "100", policyExtra: {}, timeout: "30", extra: {} },
      };
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
      return step.if.else
        ? [
            ["if.then", step.if.then],
            ["if.else", step.if.else],
          ]
        : [["if.then", step.if.then]];
    case "choose":
      return step.choose.map((b, i) => [`choose.${i}.steps`, b.steps]);
    default:
      return [];
  }
}
