/**
 * The scenario model: what one kind of virtual user does, as a stable JSON-serialisable contract.
 * The UI editor, the REST API, scenario files (YAML/JSON) and the JMX importer all produce it;
 * the engine only ever runs a value that passed `ZScenario`.
 *
 * Execution lives elsewhere (vu.ts, run-load.ts): this file never does I/O.
 * Documented field by field in README.md, "Scenario format".
 */
import { z } from "zod";
import { parse as parseYaml, YAMLParseError } from "yaml";

const ZName = z.string().trim().min(1, "must not be empty").max(200);
const ZSeconds = z.number().finite().nonnegative();
const ZPercent = z.number().gt(0, "must be > 0").max(100, "must be ≤ 100");
const ZJsonValue: z.ZodType<unknown> = z.unknown();

/** A release policy: % of all configured VUs, % of running VUs, or a fixed count of waiting VUs. */
export const ZRendezvousPolicy = z.union([
  z.strictObject({ allVusersPercent: ZPercent }),
  z.strictObject({ runningVusersPercent: ZPercent }),
  z.strictObject({ count: z.number().int().min(1) }),
]);
export type TRendezvousPolicy = z.infer<typeof ZRendezvousPolicy>;

/** LoadRunner's default timeout between consecutive arrivals. */
export const DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS = 30;
/** Default per-request timeout (whole request: connect → last body byte). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;
/** Default time VUs get to finish their iteration once the run's duration is over. */
export const DEFAULT_GRACEFUL_STOP_SECONDS = 10;

export const ZRendezvous = z.strictObject({
  name: ZName,
  /** Default: release when 100 % of all VUs (of every scenario using this name) wait. */
  policy: ZRendezvousPolicy.default({ allVusersPercent: 100 }),
  /** Max time between consecutive arrivals (first arrival for the first) before releasing. */
  timeoutSeconds: z.number().positive().default(DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS),
});
export type TRendezvous = z.infer<typeof ZRendezvous>;

export const ZExtractor = z.union([
  /** JSON path on the response body: `$.a.b[0].c`. */
  z.strictObject({ json: z.string().min(1) }),
  /** Regex on the body; `group` (default 1, or 0 without groups) is the captured value. */
  z.strictObject({ regex: z.string().min(1), group: z.number().int().min(0).optional() }),
  /** Response header (case-insensitive). */
  z.strictObject({ header: z.string().min(1) }),
]);
export type TExtractor = z.infer<typeof ZExtractor>;

export const ZExpect = z.strictObject({
  /** Accepted status(es). Default: any status < 400 passes. */
  status: z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]).optional(),
  /** The body must contain this text. */
  bodyContains: z.string().optional(),
  /** The body must not contain this text. */
  bodyNotContains: z.string().optional(),
  /** JSON path → expected value (deep equality after templating of string values). */
  json: z.record(z.string().min(1), ZJsonValue).optional(),
});
export type TExpect = z.infer<typeof ZExpect>;

const ZMethod = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]));

export const ZRequest = z
  .strictObject({
    /** Label of the sample in results (JMeter's sampler name). Default: `METHOD path`. */
    name: ZName.optional(),
    method: ZMethod.default("GET"),
    /** Path appended to the scenario's baseUrl (or an absolute http(s) URL). Templated. */
    path: z.string().min(1),
    /** Query parameters, templated and URL-encoded. */
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** JSON body (string values templated); sets content-type application/json. */
    json: ZJsonValue.optional(),
    /** Raw body text (templated). */
    body: z.string().optional(),
    /** URL-encoded form body (templated). */
    form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    timeoutSeconds: z.number().positive().default(DEFAULT_REQUEST_TIMEOUT_SECONDS),
    /**
     * Follow 301/302/303/307/308 (up to 10 hops, each within timeoutSeconds and the target allow-list)
     * and record one sample for the whole chain, as JMeter's "Follow Redirects" (its default) does.
     */
    followRedirects: z.boolean().default(true),
    /** Variables to set from the response, usable as `${name}` in later steps. */
    extract: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits, _"), ZExtractor).optional(),
    expect: ZExpect.optional(),
  })
  .refine((r) => [r.json !== undefined, r.body !== undefined, r.form !== undefined].filter(Boolean).length <= 1, {
    message: "use only one of json, body, form",
  });
export type TRequest = z.infer<typeof ZRequest>;

export const ZThink = z.union([
  z.strictObject({ seconds: ZSeconds }),
  z
    .strictObject({ min: ZSeconds, max: ZSeconds })
    .refine((t) => t.max >= t.min, { message: "max must be ≥ min", path: ["max"] }),
]);
export type TThink = z.infer<typeof ZThink>;

/** One step. Exactly one key: request | rendezvous | transaction | think. */
export type TStep =
  | { request: TRequest }
  | { rendezvous: TRendezvous }
  | { think: TThink }
  | { transaction: TTransaction };
export interface TTransaction {
  name: string;
  steps: TStep[];
}
type TStepInput =
  | { request: z.input<typeof ZRequest> }
  | { rendezvous: z.input<typeof ZRendezvous> }
  | { think: z.input<typeof ZThink> }
  | { transaction: { name: string; steps: TStepInput[] } };

export const ZTransaction: z.ZodType<TTransaction, { name: string; steps: TStepInput[] }> = z.strictObject({
  name: ZName,
  get steps() {
    return z.array(ZStep).min(1, "a transaction needs at least one step");
  },
});

export const ZStep: z.ZodType<TStep, TStepInput> = z.union([
  z.strictObject({ request: ZRequest }),
  z.strictObject({ rendezvous: ZRendezvous }),
  z.strictObject({ think: ZThink }),
  z.strictObject({ transaction: ZTransaction }),
]);

/** Open model: iterations start at a fixed rate whatever the target does; never queued. */
export const ZArrivalRate = z.strictObject({
  perSecond: z.number().positive(),
  durationSeconds: z.number().positive(),
  /** VUs available to run iterations; an arrival finding none free is dropped and counted. */
  maxVus: z.number().int().min(1).max(100_000),
});

export const ZLoad = z
  .strictObject({
    /** Closed model: this many VUs, each repeating the steps. */
    vus: z.number().int().min(1).max(100_000).optional(),
    /** VUs start evenly spread over this time. */
    rampUpSeconds: ZSeconds.default(0),
    /** From run start (ramp-up included, as JMeter) until ramp-down begins. */
    durationSeconds: z.number().positive().optional(),
    /** Instead of a duration: iterations per VU. */
    iterations: z.number().int().min(1).optional(),
    /** After the duration, VUs stop evenly spread over this time (each after its iteration). */
    rampDownSeconds: ZSeconds.default(0),
    /** Time VUs get to finish an iteration when the run ends; then they are interrupted. */
    gracefulStopSeconds: ZSeconds.default(DEFAULT_GRACEFUL_STOP_SECONDS),
    arrivalRate: ZArrivalRate.optional(),
  })
  .superRefine((l, ctx) => {
    if (l.arrivalRate && l.vus !== undefined)
      ctx.addIssue({ code: "custom", path: ["vus"], message: "use either vus (closed model) or arrivalRate (open model), not both" });
    if (!l.arrivalRate && l.vus === undefined)
      ctx.addIssue({ code: "custom", path: ["vus"], message: "required: vus (closed model) or arrivalRate (open model)" });
    if (!l.arrivalRate && l.durationSeconds === undefined && l.iterations === undefined)
      ctx.addIssue({ code: "custom", path: ["durationSeconds"], message: "required: durationSeconds or iterations" });
    if (l.arrivalRate && (l.durationSeconds !== undefined || l.iterations !== undefined))
      ctx.addIssue({ code: "custom", path: ["arrivalRate"], message: "the open model takes its duration from arrivalRate.durationSeconds" });
  });
export type TLoad = z.infer<typeof ZLoad>;

/** CSV test data; columns become `${column}` variables. */
export const ZData = z
  .strictObject({
    /** CSV file, relative to the scenario file (the CLI resolves it). */
    file: z.string().min(1).optional(),
    /** Inline CSV text (for the UI and API, where there is no file). */
    csv: z.string().optional(),
    /** sequential: next row per iteration, shared, wraps; random: any row; unique: each row once, VUs stop when none is left. */
    mode: z.enum(["sequential", "random", "unique"]).default("sequential"),
    delimiter: z.string().length(1).default(","),
    /** Column names; default: the first row is the header. */
    columns: z.array(z.string().min(1)).optional(),
  })
  .refine((d) => (d.file === undefined) !== (d.csv === undefined), { message: "give exactly one of file, csv" });
export type TData = z.infer<typeof ZData>;

export const ZThreshold = z.strictObject({
  /** A label or module name; default: the run total. */
  label: z.string().optional(),
  metric: z.enum(["avgMs", "p50Ms", "p90Ms", "p95Ms", "p99Ms", "maxMs", "errorPct", "ratePerSec"]),
  /** Fails when the figure is above max / below min. */
  max: z.number().optional(),
  min: z.number().optional(),
});
export type TThreshold = z.infer<typeof ZThreshold>;

export const ZScenario = z.strictObject({
  name: ZName,
  /** Results roll up per module; default: the scenario name. */
  module: ZName.optional(),
  baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  /** Headers sent with every request (templated). */
  headers: z.record(z.string(), z.string()).optional(),
  /** Initial variables of every VU. */
  variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  load: ZLoad,
  data: ZData.optional(),
  steps: z.array(ZStep).min(1, "a scenario needs at least one step"),
  thresholds: z.array(ZThreshold).optional(),
});
export type TScenario = z.infer<typeof ZScenario>;
export type TScenarioInput = z.input<typeof ZScenario>;

/** Per-run overrides (the run form, the API, the CLI). */
export const ZRunOverrides = z.strictObject({
  /** VUs of every closed-model scenario (maxVus for open ones). */
  vus: z.number().int().min(1).max(100_000).optional(),
  /** Duration of every scenario (closed: durationSeconds, open: arrivalRate.durationSeconds). */
  durationSeconds: z.number().positive().optional(),
  /** false: every rendezvous step is skipped. */
  rendezvousEnabled: z.boolean().optional(),
  /** Replaces the policy of every rendezvous point. */
  rendezvousPolicy: ZRendezvousPolicy.optional(),
  rendezvousTimeoutSeconds: z.number().positive().optional(),
});
export type TRunOverrides = z.infer<typeof ZRunOverrides>;

// ---------------------------------------------------------------------------------------------
// Parsing with readable errors

export interface TScenarioIssue {
  /** Dotted path, e.g. `steps.0.request.method` (empty for the root). */
  path: string;
  message: string;
}

export type TParseResult =
  | { ok: true; scenario: TScenario; warnings: TScenarioIssue[] }
  | { ok: false; errors: TScenarioIssue[] };

/** Parse YAML or JSON text into a validated scenario; errors carry the zod path and message. */
export function parseScenario(text: string, format: "yaml" | "json"): TParseResult {
  let raw: unknown;
  try {
    raw = format === "json" ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    const message = error instanceof YAMLParseError || error instanceof SyntaxError ? error.message : String(error);
    return { ok: false, errors: [{ path: "", message: `not valid ${format.toUpperCase()}: ${message.split("\n")[0]}` }] };
  }
  return validateScenario(raw);
}

/** Validate an already-parsed value (API bodies, the editor). */
export function validateScenario(raw: unknown): TParseResult {
  const result = ZScenario.safeParse(raw);
  if (!result.success) return { ok: false, errors: formatZodIssues(result.error.issues) };
  return { ok: true, scenario: result.data, warnings: scenarioWarnings(result.data) };
}

/** Human-readable `path: message` lines. */
export function formatScenarioIssues(issues: TScenarioIssue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("\n");
}

type ZIssue = z.core.$ZodIssue;

/** Flatten zod issues; for a union, report only the branch that matched the step's key. */
export function formatZodIssues(issues: readonly ZIssue[], prefix: PropertyKey[] = []): TScenarioIssue[] {
  const out: TScenarioIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // A branch is "the intended one" if it did not reject the object's own keys.
      const intended = issue.errors.filter((branch) => !branch.some(rejectsShape));
      if (intended.length === 1 && intended[0]) {
        out.push(...formatZodIssues(intended[0], path));
        continue;
      }
      out.push({ path: path.join("."), message: unionHint(path) });
      continue;
    }
    out.push({ path: path.map(String).join("."), message: issue.message });
  }
  return out;
}

/** An issue saying "this object is not of this branch's shape": unknown key, or a missing key. */
function rejectsShape(i: ZIssue): boolean {
  if (i.code === "unrecognized_keys" && i.path.length === 0) return true;
  return i.code === "invalid_type" && i.path.length === 1 && i.input === undefined;
}

function unionHint(path: PropertyKey[]): string {
  const last = path.at(-1);
  const parent = path.at(-2);
  if (last === "policy") return "policy must be one of { allVusersPercent: P }, { runningVusersPercent: P }, { count: N }";
  if (last === "think") return "think must be { seconds: S } or { min: A, max: B }";
  if (typeof last === "string" && parent === "extract") return "an extractor is { json: \"$.path\" }, { regex: \"…\", group?: N } or { header: \"name\" }";
  if (typeof last === "number" || parent === "steps") return "a step must have exactly one of: request, rendezvous, transaction, think";
  return "invalid value";
}

// ---------------------------------------------------------------------------------------------
// Warnings and helpers

/** Walk every step (depth first) with the names of the transactions around it. */
export function walkSteps(steps: TStep[], visit: (step: TStep, path: string, transactions: string[]) => void, base = "steps", transactions: string[] = []): void {
  steps.forEach((step, i) => {
    const path = `${base}.${i}`;
    visit(step, path, transactions);
    if ("transaction" in step) walkSteps(step.transaction.steps, visit, `${path}.transaction.steps`, [...transactions, step.transaction.name]);
  });
}

/** Warnings that do not stop a run: a rendezvous inside a transaction, and the like. */
export function scenarioWarnings(scenario: TScenario): TScenarioIssue[] {
  const warnings: TScenarioIssue[] = [];
  walkSteps(scenario.steps, (step, path, transactions) => {
    if ("rendezvous" in step && transactions.length > 0)
      warnings.push({
        path,
        message: `rendezvous "${step.rendezvous.name}" is inside transaction "${transactions.at(-1)}": put it before the transaction. The wait is reported apart and never counted in the transaction time, but the transaction then no longer measures one simultaneous action.`,
      });
  });
  return warnings;
}

/** Label of a request in results. */
export function requestLabel(r: Pick<TRequest, "name" | "method" | "path">): string {
  return r.name ?? `${r.method} ${r.path}`;
}

/** The module of a scenario. */
export function scenarioModule(s: Pick<TScenario, "name" | "module">): string {
  return s.module ?? s.name;
}

/** Apply per-run overrides to one scenario (pure). */
export function applyOverrides(scenario: TScenario, overrides: TRunOverrides | undefined): TScenario {
  if (!overrides) return scenario;
  const load = { ...scenario.load };
  if (load.arrivalRate) {
    load.arrivalRate = {
      ...load.arrivalRate,
      ...(overrides.vus !== undefined ? { maxVus: overrides.vus } : {}),
      ...(overrides.durationSeconds !== undefined ? { durationSeconds: overrides.durationSeconds } : {}),
    };
  } else {
    if (overrides.vus !== undefined) load.vus = overrides.vus;
    if (overrides.durationSeconds !== undefined) {
      load.durationSeconds = overrides.durationSeconds;
      load.iterations = undefined;
    }
  }
  return { ...scenario, load };
}

// ---------------------------------------------------------------------------------------------
// The planned VU curve (for the editor's chart), computed without running anything.

export interface TVuCurvePoint {
  /** Seconds from run start. */
  t: number;
  /** VUs planned to be running (closed) or available (open: maxVus). */
  vus: number;
  /** Open model: planned iteration starts per second. */
  arrivalsPerSecond?: number;
}

export interface TVuCurve {
  model: "closed" | "open";
  /** Step-wise curve: the value holds from one point's t until the next. */
  points: TVuCurvePoint[];
  /** Planned length in seconds; null with `iterations` (depends on the target's speed). */
  totalSeconds: number | null;
  /** Peak VUs. */
  maxVus: number;
}

/**
 * Start offset (s) of VU `index` (0-based) out of `vus` over `rampUpSeconds`.
 * INVARIANT: vu.ts uses this same function, so the chart is exactly what runs.
 */
export function vuStartOffset(index: number, vus: number, rampUpSeconds: number): number {
  return vus <= 1 ? 0 : (rampUpSeconds * index) / vus;
}

/** Stop offset (s) of VU `index`: ramp-down stops the most recently started VUs first. */
export function vuStopOffset(index: number, vus: number, durationSeconds: number, rampDownSeconds: number): number {
  if (rampDownSeconds <= 0) return durationSeconds;
  const order = vus - 1 - index; // last started stops first
  return durationSeconds + (rampDownSeconds * (order + 1)) / vus;
}

/** Planned VUs over time, from the scenario alone. */
export function planVuCurve(scenario: Pick<TScenario, "load">, overrides?: TRunOverrides): TVuCurve {
  const load = overrides ? applyOverrides(scenario as TScenario, overrides).load : scenario.load;
  if (load.arrivalRate) {
    const { perSecond, durationSeconds, maxVus } = load.arrivalRate;
    return {
      model: "open",
      points: [
        { t: 0, vus: maxVus, arrivalsPerSecond: perSecond },
        { t: durationSeconds, vus: 0, arrivalsPerSecond: 0 },
      ],
      totalSeconds: durationSeconds,
      maxVus,
    };
  }
  const vus = load.vus ?? 0;
  const events: { t: number; delta: number }[] = [];
  for (let i = 0; i < vus; i++) {
    events.push({ t: vuStartOffset(i, vus, load.rampUpSeconds), delta: 1 });
    if (load.durationSeconds !== undefined)
      events.push({ t: vuStopOffset(i, vus, load.durationSeconds, load.rampDownSeconds), delta: -1 });
  }
  events.sort((a, b) => a.t - b.t);
  const points: TVuCurvePoint[] = [];
  let current = 0;
  for (const e of events) {
    current += e.delta;
    const last = points.at(-1);
    if (last && Math.abs(last.t - e.t) < 1e-9) last.vus = current;
    else points.push({ t: round3(e.t), vus: current });
  }
  if (points.length === 0) points.push({ t: 0, vus: 0 });
  const totalSeconds = load.durationSeconds === undefined ? null : load.durationSeconds + load.rampDownSeconds;
  return { model: "closed", points, totalSeconds, maxVus: vus };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
