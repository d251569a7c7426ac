/** The editor's state: what the form holds (see editor-state.ts). */
export type TRaw = Record<string, unknown>;

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
