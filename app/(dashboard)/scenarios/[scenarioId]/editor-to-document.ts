import { type TScenarioIssue } from "@/lib/engine/scenario";
import {
  type TCookiesDraft,
  type TDataDraft,
  type TEditorState,
  type TEditorStep,
  type TExpectDraft,
  type TLoadDraft,
  type TMultipartDraft,
  type TPacingDraft,
  type TPair,
  type TRaw,
  type TRequestDraft,
} from "./editor-state.types";
import { numberFromText, setIf, toText } from "./editor-helpers";
import { cookiesMode, variableChecksTo } from "./editor-from-document";

// State → document

export interface TSerialiser {
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
  if (
    e.statusOriginal !== undefined &&
    toText(Array.isArray(e.statusOriginal) ? e.statusOriginal.map(toText).join(", ") : e.statusOriginal) === e.status
  )
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
  if (r.bodyMode === "multipart")
    out.multipart = multipartTo(r.multipart ?? { fields: null, files: null, extra: {} }, `${base}.multipart`, ctx);
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

export function loadTo(l: TLoadDraft): TRaw {
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
const DOC_ORDER = [
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
  "thresholds",
];

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
