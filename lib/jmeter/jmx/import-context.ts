/**
 * What the JMX importer carries while it walks one thread group: the report, the JMeter text
 * translator bound to that group's variables, JMeter scoping (timers, headers, HTTP Request
 * Defaults, assertions and extractors apply to every sampler below them), and per-sampler outcomes
 * for the corpus coverage.
 */
import type { TData, TScenarioInput } from "../../engine/scenario";
import type { TJmxElement } from "./jmx-tree";
import type { TJmxReason } from "./jmx-reason-codes";

export type TStepIn = NonNullable<TScenarioInput["steps"]>[number];
export type TRequestIn = Extract<TStepIn, { request: unknown }>["request"];
export type TRendezvousIn = Extract<TStepIn, { rendezvous: unknown }>["rendezvous"];

export const SAMPLERS_HTTP = new Set(["HTTPSamplerProxy", "HTTPSampler", "HTTPSampler2"]);
export const LISTENERS = new Set(["ResultCollector", "Summariser", "BackendListener"]);
export const TIMERS = new Set([
  "ConstantTimer",
  "UniformRandomTimer",
  "SyncTimer",
  "GaussianRandomTimer",
  "PoissonRandomTimer",
  "ConstantThroughputTimer",
  "JSR223Timer",
  "BeanShellTimer",
]);
export const ASSERTIONS = /Assertion$/;
export const EXTRACTORS = new Set([
  "RegexExtractor",
  "JSONPostProcessor",
  "BoundaryExtractor",
  "com.atlantbh.jmeter.plugins.jsonutils.jsonpathextractor.JSONPathExtractor",
  "XPathExtractor",
  "HtmlExtractor",
  "XPath2Extractor",
  "JMESPathExtractor",
]);

/** Config and rules that apply to every sampler in a subtree (JMeter's scoping rules). */
export interface TScope {
  timers: TJmxElement[];
  headers: Record<string, string>;
  assertions: TJmxElement[];
  extractors: TJmxElement[];
  /** HTTP Request Defaults, the closest first (its non-empty fields win). */
  defaults: TJmxElement[];
}

export interface TSamplerOutcome {
  usable: boolean;
  /** Why the host is not usable, for the report (lib/jmeter/jmx/jmx-reason-codes.ts). */
  why?: TJmxReason;
}

export interface TCtx {
  tg: TJmxElement;
  skip: (e: TJmxElement, reason: TJmxReason) => void;
  approx: (e: TJmxElement, reason: TJmxReason) => void;
  /** JMeter text → ours; notes about functions are reported against `e`. */
  text: (e: TJmxElement, raw: string) => string;
  /** A number from a JMeter property (a literal, a variable or `${__P(name,default)}`). */
  num: (e: TJmxElement, raw: string | undefined, what: string) => number | undefined;
  /** Headers of the whole scenario (thread-group and plan Header Managers), translated. */
  scenarioHeaders: Record<string, string>;
  /** Scenario variables (plain values) the translated text may refer to. */
  variables: Record<string, string>;
  /** Names that get a value while the scenario runs: CSV columns, extracted values, forEach items. */
  runtimeNames: Set<string>;
  /** Placeholder variables standing for JMeter functions we cannot express. */
  placeholders: Set<string>;
  outcomes: Map<TJmxElement, TSamplerOutcome>;
  /** Module Controller targets: the element a node path names, if it is in the file. */
  findNode: (nodePath: string[]) => TJmxElement | undefined;
  moduleStack: TJmxElement[];
  /** Module Controller targets met, with their ancestors (a Test Fragment nobody uses is reported). */
  usedFragments: Set<TJmxElement>;
  parentOf: (e: TJmxElement) => TJmxElement | undefined;
  /** Synchronizing Timers met, with the rendezvous each became (renamed later if names clash). */
  rendezvous: { timer: TJmxElement; step: TRendezvousIn }[];
  cookies: { element: TJmxElement; clearEachIteration: boolean } | undefined;
  data: { element: TJmxElement; data: TData }[];
  /** Steps of top-level Once Only Controllers (→ init). */
  init: TStepIn[];
}

/** Samplers and controllers: the elements that become steps, in order. */
export function isStepElement(e: TJmxElement): boolean {
  return (
    SAMPLERS_HTTP.has(e.testclass) ||
    e.testclass === "TestAction" ||
    /Sampler|Controller|ControlPanel|InterleaveControl|RunTime/.test(e.testclass)
  );
}

export function isExtractor(e: TJmxElement): boolean {
  return EXTRACTORS.has(e.testclass) || e.testclass.endsWith("JSONPathExtractor");
}

/** Every element below, through enabled elements only (a disabled controller disables its subtree). */
export function enabledDescendants(elements: TJmxElement[]): TJmxElement[] {
  const out: TJmxElement[] = [];
  for (const e of elements) {
    if (!e.enabled) continue;
    out.push(e);
    out.push(...enabledDescendants(e.children));
  }
  return out;
}
