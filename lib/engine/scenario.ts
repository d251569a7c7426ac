/**
 * The scenario model: what one kind of virtual user does, as a stable JSON-serialisable contract.
 * The UI editor, the REST API, scenario files (YAML/JSON) and the JMX importer all produce it;
 * the engine only ever runs a value that passed `ZScenario`.
 *
 * Execution lives elsewhere (vu.ts, run-load.ts): this file never does I/O.
 * Documented field by field in docs/scenario-format.md.
 */
import { z } from "zod";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { conditionProblem } from "./expression";
import { templateProblem } from "./template";
import { PERCENTILES, percentileKey, type TPercentileKey } from "./metrics/types";

const ZName = z.string().trim().min(1, "must not be empty").max(200);
/**
 * The longest time any duration, think time, pacing or time-out accepts: 366 days, so a year-long
 * soak fits and a slip of a few zeros is caught. Timers wait in chunks (clock.ts), so this is a
 * sanity bound, not Node's 24.8-day timer limit.
 */
export const MAX_SECONDS = 366 * 86_400;
const MAX_SECONDS_MESSAGE = `must be ≤ ${MAX_SECONDS} (366 days)`;
const ZSeconds = z.number().finite().nonnegative().max(MAX_SECONDS, MAX_SECONDS_MESSAGE);
const ZPositiveSeconds = z.number().positive().max(MAX_SECONDS, MAX_SECONDS_MESSAGE);
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
  /**
   * Max time between consecutive arrivals (first arrival for the first) before releasing; 0: no
   * timeout (lib/engine/rendezvous.ts says what then happens to a policy that cannot be met).
   */
  timeoutSeconds: ZSeconds.default(DEFAULT_RENDEZVOUS_TIMEOUT_SECONDS),
});
export type TRendezvous = z.infer<typeof ZRendezvous>;

/**
 * What every extractor may add: `default` (the value set when nothing matches; then the sample
 * does not fail) and `match` (JMeter's match number: 1 = the first, the default; N = the Nth;
 * 0 = a random one; -1 = all of them, set as `name_1` … `name_N` and `name_matchNr`, the list
 * `forEach` walks).
 */
const extractorExtras = {
  default: z.string().optional(),
  match: z.number().int().min(-1).optional(),
};

export const ZExtractor = z.union([
  /** JSON path on the response body: `$.a.b[0].c`. */
  z.strictObject({ json: z.string().min(1), ...extractorExtras }),
  /** Regex on the body; `group` (default 1, or 0 without groups) is the captured value. */
  z.strictObject({ regex: z.string().min(1), group: z.number().int().min(0).optional(), ...extractorExtras }),
  /** Response header (case-insensitive). */
  z.strictObject({ header: z.string().min(1), ...extractorExtras }),
]);
export type TExtractor = z.infer<typeof ZExtractor>;

/** A literal regular expression must compile; a templated one is checked when it is rendered. */
function regexProblem(source: string): string | null {
  if (source.includes("${")) return null;
  try {
    new RegExp(source);
    return null;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

const ZRegexSource = z.string().superRefine((v, ctx) => {
  const problem = regexProblem(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** Checks on one variable's value; at least one. */
export const ZVariableCheck = z
  .strictObject({
    equals: z.string().optional(),
    notEquals: z.string().optional(),
    contains: z.string().optional(),
    notContains: z.string().optional(),
    matches: ZRegexSource.optional(),
    notMatches: ZRegexSource.optional(),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), {
    message: "give at least one of equals, notEquals, contains, notContains, matches, notMatches",
  });
export type TVariableCheck = z.infer<typeof ZVariableCheck>;

export const ZExpect = z.strictObject({
  /** Accepted status(es). Default: any status < 400 passes. */
  status: z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]).optional(),
  /** The body must contain this text. */
  bodyContains: z.string().optional(),
  /** The body must not contain this text. */
  bodyNotContains: z.string().optional(),
  /** JSON path → expected value (deep equality after templating of string values). */
  json: z.record(z.string().min(1), ZJsonValue).optional(),
  /** Duration assertion: the sample fails (kind `assertion`) when its elapsed time is above this. */
  maxMs: z.number().positive().optional(),
  /**
   * Variable name → checks on its value (JMeter's Response Assertion scoped to a variable),
   * made after this request's extractors ran. Values are templated; `matches` is a JS regular
   * expression searched anywhere in the value (anchor it with ^…$ for a whole match). An unset
   * variable fails every check except the not- forms.
   */
  variables: z.record(z.string().min(1), ZVariableCheck).optional(),
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
    /** multipart/form-data body: text fields and files (a file's `content` inline, or `file`, a path the CLI reads). */
    multipart: z
      .strictObject({
        fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        files: z
          .array(
            z
              .strictObject({
                /** Form field name. */
                field: z.string().min(1),
                /** File name sent in Content-Disposition (templated). Default: the basename of `file`, or the field. */
                filename: z.string().optional(),
                contentType: z.string().default("application/octet-stream"),
                /** Inline content (templated text). */
                content: z.string().optional(),
                /** Path of a file, relative to the scenario file (the CLI reads it; the dashboard has no files). */
                file: z.string().min(1).optional(),
              })
              .refine((f) => (f.content === undefined) !== (f.file === undefined), { message: "give exactly one of content, file" }),
          )
          .optional(),
      })
      .optional(),
    timeoutSeconds: ZPositiveSeconds.default(DEFAULT_REQUEST_TIMEOUT_SECONDS),
    /**
     * Follow 301/302/303/307/308 (up to 10 hops, each within timeoutSeconds and the target allow-list)
     * and record one sample for the whole chain, as JMeter's "Follow Redirects" (its default) does.
     */
    followRedirects: z.boolean().default(true),
    /** Variables to set from the response, usable as `${name}` in later steps. */
    extract: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits, _"), ZExtractor).optional(),
    expect: ZExpect.optional(),
  })
  .refine(
    (r) => [r.json !== undefined, r.body !== undefined, r.form !== undefined, r.multipart !== undefined].filter(Boolean).length <= 1,
    {
      message: "use only one of json, body, form, multipart",
    },
  );
export type TRequest = z.infer<typeof ZRequest>;

export const ZThink = z.union([
  z.strictObject({ seconds: ZSeconds }),
  z.strictObject({ min: ZSeconds, max: ZSeconds }).refine((t) => t.max >= t.min, { message: "max must be ≥ min", path: ["max"] }),
]);
export type TThink = z.infer<typeof ZThink>;

/**
 * One step. Exactly one key: request | rendezvous | transaction | think | loop | forEach | if | choose.
 * Containers (transaction, loop, forEach, if, choose) hold steps of any kind, nested to any depth.
 */
export type TStep =
  | { request: TRequest }
  | { rendezvous: TRendezvous }
  | { think: TThink }
  | { transaction: TTransaction }
  | { loop: TLoop }
  | { forEach: TForEach }
  | { if: TIf }
  | { choose: TChooseBranch[] };
export interface TTransaction {
  name: string;
  steps: TStep[];
}
/**
 * `count` passes (a number, or a template such as "${loops}" resolved when the loop starts), or
 * while `while` (a condition, see expression.ts) holds before each pass, at most `maxIterations`.
 */
export interface TLoop {
  count?: number | string;
  while?: string;
  maxIterations?: number;
  steps: TStep[];
}
/** One pass per value of the list `list` (an extractor with `match: -1`: `list_1` … `list_N`), the value in `${as}`. */
export interface TForEach {
  list: string;
  as: string;
  steps: TStep[];
}
/** `then` when the condition holds, else `else`. */
export interface TIf {
  condition: string;
  then: TStep[];
  else?: TStep[];
}
/** One branch per pass, drawn by weight (a branch may be empty: "do nothing" that share of passes). */
export interface TChooseBranch {
  weight: number;
  steps: TStep[];
}
type TStepInput =
  | { request: z.input<typeof ZRequest> }
  | { rendezvous: z.input<typeof ZRendezvous> }
  | { think: z.input<typeof ZThink> }
  | { transaction: { name: string; steps: TStepInput[] } }
  | { loop: { count?: number | string; while?: string; maxIterations?: number; steps: TStepInput[] } }
  | { forEach: { list: string; as: string; steps: TStepInput[] } }
  | { if: { condition: string; then: TStepInput[]; else?: TStepInput[] } }
  | { choose: { weight: number; steps: TStepInput[] }[] };

const ZVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits, _");

export const ZTransaction: z.ZodType<TTransaction, { name: string; steps: TStepInput[] }> = z.strictObject({
  name: ZName,
  get steps() {
    return z.array(ZStep).min(1, "a transaction needs at least one step");
  },
});

export const ZLoop: z.ZodType<TLoop, { count?: number | string; while?: string; maxIterations?: number; steps: TStepInput[] }> = z
  .strictObject({
    count: z.union([z.number().int().min(0), z.string().regex(/\$\{/, "a count is a whole number or a ${…} template")]).optional(),
    while: z.string().min(1).optional(),
    maxIterations: z.number().int().min(1).optional(),
    get steps() {
      return z.array(ZStep).min(1, "a loop needs at least one step");
    },
  })
  .superRefine((l, ctx) => {
    if ((l.count === undefined) === (l.while === undefined))
      ctx.addIssue({ code: "custom", path: ["count"], message: "give exactly one of count, while" });
    if (l.maxIterations !== undefined && l.while === undefined)
      ctx.addIssue({ code: "custom", path: ["maxIterations"], message: "maxIterations goes with while" });
  });

export const ZForEach: z.ZodType<TForEach, { list: string; as: string; steps: TStepInput[] }> = z.strictObject({
  list: ZVarName,
  as: ZVarName,
  get steps() {
    return z.array(ZStep).min(1, "forEach needs at least one step");
  },
});

export const ZIf: z.ZodType<TIf, { condition: string; then: TStepInput[]; else?: TStepInput[] }> = z.strictObject({
  condition: z.string().min(1),
  get then() {
    return z.array(ZStep).min(1, "then needs at least one step");
  },
  get else() {
    return z.array(ZStep).optional();
  },
});

export const ZChooseBranch: z.ZodType<TChooseBranch, { weight: number; steps: TStepInput[] }> = z.strictObject({
  weight: z.number().positive("must be > 0").finite(),
  get steps() {
    return z.array(ZStep);
  },
});

export const ZStep: z.ZodType<TStep, TStepInput> = z.union([
  z.strictObject({ request: ZRequest }),
  z.strictObject({ rendezvous: ZRendezvous }),
  z.strictObject({ think: ZThink }),
  z.strictObject({ transaction: ZTransaction }),
  z.strictObject({ loop: ZLoop }),
  z.strictObject({ forEach: ZForEach }),
  z.strictObject({ if: ZIf }),
  z.strictObject({ choose: z.array(ZChooseBranch).min(1, "choose needs at least one branch") }),
]);

/**
 * Pacing (LoadRunner's run-time setting): when each iteration of a VU starts. `everySeconds`: at
 * fixed intervals from the VU's first start; `min`/`max`: a random interval in that range from
 * the previous iteration's start; `afterSeconds`: that long after the previous iteration ended.
 * An iteration never starts early; one that starts late is counted as iteration start lag.
 */
export const ZPacing = z.union([
  z.strictObject({ everySeconds: ZPositiveSeconds }),
  z.strictObject({ min: ZSeconds, max: ZPositiveSeconds }).refine((p) => p.max >= p.min, { message: "max must be ≥ min", path: ["max"] }),
  z.strictObject({ afterSeconds: ZSeconds }),
]);
export type TPacing = z.infer<typeof ZPacing>;

/** One RFC 6265 cookie jar per VU: true (the default), false, or with JMeter's "clear each iteration". */
export const ZCookies = z.union([z.boolean(), z.strictObject({ clearEachIteration: z.boolean().default(false) })]);
export type TCookies = z.infer<typeof ZCookies>;

/** Open model: iterations start at a fixed rate whatever the target does; never queued. */
export const ZArrivalRate = z.strictObject({
  perSecond: z.number().positive(),
  durationSeconds: ZPositiveSeconds,
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
    durationSeconds: ZPositiveSeconds.optional(),
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
      ctx.addIssue({
        code: "custom",
        path: ["arrivalRate"],
        message: "the open model takes its duration from arrivalRate.durationSeconds",
      });
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
  metric: z.enum(["avgMs", ...PERCENTILES.map(percentileKey), "maxMs", "errorPct", "ratePerSec"] as [
    "avgMs",
    ...TPercentileKey[],
    "maxMs",
    "errorPct",
    "ratePerSec",
  ]),
  /** Fails when the figure is above max / below min. */
  max: z.number().optional(),
  min: z.number().optional(),
});
export type TThreshold = z.infer<typeof ZThreshold>;

/** Variable values (scenario variables, launch parameters). */
export const ZVariableValues = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/**
 * A base URL: an http(s) URL, or a template of one (`http://${host}:${port}`), resolved once per
 * run from the variables, launch parameters and `__P`/`__env` (see resolveBaseUrl in vu.ts).
 */
const ZBaseUrl = z
  .string()
  .trim()
  .refine((u) => (u.includes("${") ? /^(https?:\/\/|\$\{)/i.test(u) : isHttpUrl(u)), { message: "must be an http(s) URL" });

export function isHttpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const ZScenario = z
  .strictObject({
    name: ZName,
    /** Results roll up per module; default: the scenario name. */
    module: ZName.optional(),
    baseUrl: ZBaseUrl,
    /** Headers sent with every request (templated). */
    headers: z.record(z.string(), z.string()).optional(),
    /** Initial variables of every VU. */
    variables: ZVariableValues.optional(),
    /** One cookie jar per VU (default true). */
    cookies: ZCookies.default(true),
    /** When iterations start (default: each right after the previous one). */
    pacing: ZPacing.optional(),
    load: ZLoad,
    /** CSV test data: one data set or several (each with its own columns). */
    data: z.union([ZData, z.array(ZData).min(1)]).optional(),
    /** Once per VU before its first iteration (LoadRunner's vuser_init, JMeter's Once Only Controller). */
    init: z.array(ZStep).optional(),
    /** Every iteration (LoadRunner's Action). */
    steps: z.array(ZStep).min(1, "a scenario needs at least one step"),
    /** Once per VU when it stops, also on a graceful stop (vuser_end). */
    end: z.array(ZStep).optional(),
    thresholds: z.array(ZThreshold).optional(),
  })
  .superRefine((s, ctx) => {
    for (const issue of expressionIssues(s)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
export type TScenario = z.infer<typeof ZScenario>;

/** Parts of a scenario whose strings are never templated (CSV text, threshold labels). */
const UNTEMPLATED_KEYS = new Set(["data", "thresholds"]);

/**
 * Every template (`${…}` string) and condition (`if.condition`, `loop.while`) of a scenario that
 * does not compile, with its path. Strings inside a request (a JSON body may hold any keys) are
 * templates only; conditions are the steps' own fields.
 */
function expressionIssues(scenario: object): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const visit = (value: unknown, path: (string | number)[], inRequest: boolean): void => {
    if (typeof value === "string") {
      const key = path.at(-1);
      const parent = path.at(-2);
      const isCondition = !inRequest && ((parent === "if" && key === "condition") || (parent === "loop" && key === "while"));
      const problem = isCondition ? conditionProblem(value) : value.includes("${") ? templateProblem(value) : null;
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], inRequest));
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (path.length === 0 && UNTEMPLATED_KEYS.has(k)) continue;
        visit(v, [...path, k], inRequest || k === "request");
      }
  };
  visit(scenario, [], false);
  return issues;
}
export type TScenarioInput = z.input<typeof ZScenario>;

/** Per-run overrides (the run form, the API, the CLI). */
export const ZRunOverrides = z.strictObject({
  /** VUs of every closed-model scenario (maxVus for open ones). */
  vus: z.number().int().min(1).max(100_000).optional(),
  /** Duration of every scenario (closed: durationSeconds, open: arrivalRate.durationSeconds). */
  durationSeconds: ZPositiveSeconds.optional(),
  /** false: every rendezvous step is skipped. */
  rendezvousEnabled: z.boolean().optional(),
  /** Replaces the policy of every rendezvous point. */
  rendezvousPolicy: ZRendezvousPolicy.optional(),
  /** 0: no timeout. */
  rendezvousTimeoutSeconds: ZSeconds.optional(),
  /**
   * Launch parameters (JMeter's -J): override the scenario variables of the same name and are
   * what `${__P(name,default)}` reads.
   */
  variables: ZVariableValues.optional(),
});
export type TRunOverrides = z.infer<typeof ZRunOverrides>;

// ---------------------------------------------------------------------------------------------
// Parsing with readable errors

export interface TScenarioIssue {
  /** Dotted path, e.g. `steps.0.request.method` (empty for the root). */
  path: string;
  message: string;
}

export type TParseResult = { ok: true; scenario: TScenario; warnings: TScenarioIssue[] } | { ok: false; errors: TScenarioIssue[] };

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
  if (typeof last === "string" && parent === "extract")
    return 'an extractor is { json: "$.path" }, { regex: "…", group?: N } or { header: "name" }';
  if (last === "pacing") return "pacing must be { everySeconds: S }, { min: A, max: B } or { afterSeconds: S }";
  if (typeof last === "number" || parent === "steps" || parent === "then" || parent === "else" || parent === "init" || parent === "end")
    return "a step must have exactly one of: request, rendezvous, transaction, think, loop, forEach, if, choose";
  return "invalid value";
}

// ---------------------------------------------------------------------------------------------
// Warnings and helpers

/** The data sets of a scenario as a list (`data` is one or several). */
export function dataSets(s: Pick<TScenario, "data">): TData[] {
  return s.data === undefined ? [] : Array.isArray(s.data) ? s.data : [s.data];
}

/** The child step lists of a step, with their path suffixes (empty for request/rendezvous/think). */
export function childStepLists(step: TStep): [string, TStep[]][] {
  if ("transaction" in step) return [["transaction.steps", step.transaction.steps]];
  if ("loop" in step) return [["loop.steps", step.loop.steps]];
  if ("forEach" in step) return [["forEach.steps", step.forEach.steps]];
  if ("if" in step)
    return step.if.else
      ? [
          ["if.then", step.if.then],
          ["if.else", step.if.else],
        ]
      : [["if.then", step.if.then]];
  if ("choose" in step) return step.choose.map((b, i) => [`choose.${i}.steps`, b.steps] as [string, TStep[]]);
  return [];
}

/**
 * Walk every step (depth first) with the names of the transactions around it. `steps` may be a
 * scenario (then init, steps and end are walked, with paths starting "init", "steps", "end") or
 * one list of steps (paths start at `base`).
 */
export function walkSteps(
  steps: TStep[] | Pick<TScenario, "init" | "steps" | "end">,
  visit: (step: TStep, path: string, transactions: string[]) => void,
  base = "steps",
  transactions: string[] = [],
): void {
  if (!Array.isArray(steps)) {
    if (steps.init) walkSteps(steps.init, visit, "init");
    walkSteps(steps.steps, visit, "steps");
    if (steps.end) walkSteps(steps.end, visit, "end");
    return;
  }
  steps.forEach((step, i) => {
    const path = `${base}.${i}`;
    visit(step, path, transactions);
    const inner = "transaction" in step ? [...transactions, step.transaction.name] : transactions;
    for (const [suffix, list] of childStepLists(step)) walkSteps(list, visit, `${path}.${suffix}`, inner);
  });
}

/** Warnings that do not stop a run: a rendezvous inside a transaction, and the like. */
export function scenarioWarnings(scenario: TScenario): TScenarioIssue[] {
  const warnings: TScenarioIssue[] = [];
  walkSteps(scenario, (step, path, transactions) => {
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
  if (overrides.variables && scenario.variables) {
    // Launch parameters override the scenario's own variables of the same name (JMeter's -J).
    const variables = { ...scenario.variables };
    for (const k of Object.keys(variables)) if (k in overrides.variables) variables[k] = overrides.variables[k]!;
    scenario = { ...scenario, variables };
  }
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
    if (load.durationSeconds !== undefined) events.push({ t: vuStopOffset(i, vus, load.durationSeconds, load.rampDownSeconds), delta: -1 });
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

/**
 * Planned length of a run of several scenarios (overrides applied): the longest one, ramp-down
 * included; null when one runs a number of iterations (its end depends on the target's speed).
 * INVARIANT: run-load.ts ends the run at this offset, so the live page's remaining time is what runs.
 */
export function planRunSeconds(scenarios: readonly Pick<TScenario, "load">[], overrides?: TRunOverrides): number | null {
  let longest = 0;
  for (const s of scenarios) {
    const seconds = planVuCurve(s, overrides).totalSeconds;
    if (seconds === null) return null;
    longest = Math.max(longest, seconds);
  }
  return longest;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
