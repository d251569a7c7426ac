/**
 * The virtual user: runs the steps of its scenario, iteration after iteration.
 *
 * A scenario is compiled once (templates, headers, URLs) so the hot path per request is: render
 * the few templated strings, dispatch, record one sample.
 */
import { nowMs, sleep } from "./clock";
import { checkBody, checkStatus, needsBody, runExtractors, type TCheckError } from "./checks";
import type { DataSource } from "./csv-data";
import type { HttpAgent, THttpResponse } from "./http";
import type { TSample } from "./metrics/recorder";
import type { TRendezvousClient } from "./rendezvous";
import { requestLabel, scenarioModule, type TRequest, type TScenario, type TStep } from "./scenario";
import { compileTemplate, hasTemplate, render, renderJson, type TTemplate, type TVars } from "./template";
import { TransactionSpan } from "./transactions";

interface TCompiledRequest {
  kind: "request";
  label: string;
  method: string;
  /** Origin when the path is relative, or a template of the absolute URL. */
  origin: string | null;
  path: TTemplate;
  query: [string, TTemplate][];
  headers: [string, TTemplate][];
  body: ((vars: TVars) => string) | string | undefined;
  timeoutMs: number;
  wantBody: boolean;
  followRedirects: boolean;
  spec: TRequest;
  /** Representative URL for results (templates unrendered). */
  url: string;
}

type TCompiledStep =
  | TCompiledRequest
  | { kind: "rendezvous"; name: string }
  | { kind: "think"; minMs: number; maxMs: number }
  | { kind: "transaction"; name: string; steps: TCompiledStep[] };

export interface TCompiledScenario {
  key: string;
  name: string;
  module: string;
  steps: TCompiledStep[];
  variables: [string, string][];
}

export function compileScenario(scenario: TScenario, key: string): TCompiledScenario {
  const base = new URL(scenario.baseUrl);
  const basePath = base.pathname.replace(/\/$/, "");
  const commonHeaders = Object.entries(scenario.headers ?? {});
  const compileStep = (step: TStep): TCompiledStep => {
    if ("request" in step) return compileRequest(step.request, base.origin, basePath, commonHeaders);
    if ("rendezvous" in step) return { kind: "rendezvous", name: step.rendezvous.name };
    if ("think" in step) {
      const t = step.think;
      const [min, max] = "seconds" in t ? [t.seconds, t.seconds] : [t.min, t.max];
      return { kind: "think", minMs: min * 1000, maxMs: max * 1000 };
    }
    if ("transaction" in step) return { kind: "transaction", name: step.transaction.name, steps: step.transaction.steps.map(compileStep) };
    throw new Error(`not supported yet: ${Object.keys(step)[0]}`);
  };
  return {
    key,
    name: scenario.name,
    module: scenarioModule(scenario),
    steps: scenario.steps.map(compileStep),
    variables: Object.entries(scenario.variables ?? {}).map(([k, v]) => [k, String(v)]),
  };
}

function compileRequest(r: TRequest, origin: string, basePath: string, common: [string, string][]): TCompiledRequest {
  const absolute = /^https?:\/\//i.test(r.path);
  const headers = new Map<string, string>();
  for (const [k, v] of common) headers.set(k.toLowerCase(), v);
  for (const [k, v] of Object.entries(r.headers ?? {})) headers.set(k.toLowerCase(), v);
  let body: TCompiledRequest["body"];
  if (r.json !== undefined) {
    headers.set("content-type", headers.get("content-type") ?? "application/json");
    const json = r.json;
    body = hasTemplate(json) ? (vars) => JSON.stringify(renderJson(json, vars)) : JSON.stringify(json);
  } else if (r.body !== undefined) {
    const t = compileTemplate(r.body);
    body = typeof t === "string" ? t : t;
  } else if (r.form !== undefined) {
    headers.set("content-type", headers.get("content-type") ?? "application/x-www-form-urlencoded");
    const form = Object.entries(r.form).map(([k, v]) => [k, compileTemplate(String(v))] as const);
    body = (vars) => new URLSearchParams(form.map(([k, t]) => [k, render(t, vars)])).toString();
  }
  return {
    kind: "request",
    label: requestLabel(r),
    method: r.method,
    origin: absolute ? null : origin,
    path: compileTemplate(absolute ? r.path : basePath + (r.path.startsWith("/") ? r.path : `/${r.path}`)),
    query: Object.entries(r.query ?? {}).map(([k, v]) => [k, compileTemplate(String(v))]),
    headers: [...headers].map(([k, v]) => [k, compileTemplate(v)]),
    body,
    timeoutMs: r.timeoutSeconds * 1000,
    wantBody: needsBody(r.extract, r.expect),
    followRedirects: r.followRedirects,
    spec: r,
    url: absolute ? r.path : origin + basePath + r.path,
  };
}

/** Everything a VU needs from its runner (executor.ts). */
export interface TVuEnv {
  scenario: TCompiledScenario;
  http: HttpAgent;
  record: (s: TSample) => void;
  rendezvous: TRendezvousClient;
  rendezvousEnabled: boolean;
  data: DataSource | null;
  /** Graceful stop of the run (no new iterations, think time cut). */
  stopSignal: AbortSignal;
  /** Hard stop: abandon the iteration now. */
  hardSignal: AbortSignal;
  random?: () => number;
}

export type TIterationOutcome = "done" | "no-data" | "stopped";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** JMeter's httpsampler.max_redirects is 20, browsers stop at 20, k6 at 10. */
const MAX_REDIRECTS = 10;

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) if (!names.includes(k.toLowerCase())) out[k] = headers[k]!;
  return out;
}

/** Lanes are unique per thread: every VU object has its own connection per origin. */
let nextLane = 1;

export class VirtualUser {
  readonly vars: TVars = new Map();
  private readonly lane = nextLane++;
  iteration = 0;
  /** Open model: delay between the iteration's intended and actual start, added to its first sample. */
  startDelayMs = 0;
  private pendingRelease: number | null = null;

  constructor(
    readonly id: number,
    private readonly env: TVuEnv,
  ) {
    for (const [k, v] of env.scenario.variables) this.vars.set(k, v);
    this.vars.set("vu", String(id));
    this.vars.set("scenario", env.scenario.name);
  }

  /** One pass over the steps. `stopAtMs`: the VU's own stop time (think time is cut there). */
  async runIteration(stopAtMs = Number.POSITIVE_INFINITY): Promise<TIterationOutcome> {
    this.iteration++;
    this.vars.set("iteration", String(this.iteration));
    if (this.env.data) {
      const row = this.env.data.next();
      if (row === null) return "no-data";
      for (const k in row) this.vars.set(k, row[k]!);
    }
    await this.runSteps(this.env.scenario.steps, [], stopAtMs);
    this.settleRelease(null);
    return this.env.hardSignal.aborted ? "stopped" : "done";
  }

  /** Runs steps; returns the first failure message inside them, or null. */
  private async runSteps(steps: TCompiledStep[], spans: TransactionSpan[], stopAtMs: number): Promise<string | null> {
    let failure: string | null = null;
    for (const step of steps) {
      if (this.env.hardSignal.aborted) return failure;
      let stepFailure: string | null = null;
      switch (step.kind) {
        case "request":
          stepFailure = await this.request(step);
          break;
        case "rendezvous":
          await this.rendezvous(step.name, spans);
          break;
        case "think":
          await this.think(step.minMs, step.maxMs, stopAtMs);
          break;
        case "transaction": {
          const span = new TransactionSpan(step.name, nowMs() - this.startDelayMs);
          const inner = await this.runSteps(step.steps, [...spans, span], stopAtMs);
          if (this.env.hardSignal.aborted) return failure;
          if (inner !== null) span.fail(inner);
          this.env.record(span.toSample(nowMs(), this.env.scenario.module));
          stepFailure = inner === null ? null : `transaction ${step.name}: ${inner}`;
          break;
        }
      }
      if (stepFailure !== null) failure ??= stepFailure;
    }
    return failure;
  }

  private async request(r: TCompiledRequest): Promise<string | null> {
    const vars = this.vars;
    let path = render(r.path, vars);
    if (r.query.length > 0) {
      const qs = new URLSearchParams(r.query.map(([k, t]) => [k, render(t, vars)])).toString();
      path += (path.includes("?") ? "&" : "?") + qs;
    }
    let origin = r.origin;
    if (origin === null) {
      const u = new URL(path);
      origin = u.origin;
      path = u.pathname + u.search;
    }
    const headers: Record<string, string> = {};
    for (const [k, t] of r.headers) headers[k] = render(t, vars);
    const body = r.body === undefined ? undefined : typeof r.body === "string" ? r.body : r.body(vars);
    let res = await this.env.http.request({ origin, path, method: r.method, headers, ...(body !== undefined ? { body } : {}), timeoutMs: r.timeoutMs, wantBody: r.wantBody, lane: this.lane });
    this.settleRelease(res.startMs);
    if (r.followRedirects && res.location !== undefined && REDIRECTS.has(res.status) && !res.error) res = await this.followRedirects(r, res, origin + path, headers, body);
    if (this.env.hardSignal.aborted) return null; // interrupted by the hard stop: not a sample
    let error: TCheckError | null = res.error ?? null;
    if (!error) {
      const cache = {};
      const extractError = r.spec.extract ? runExtractors(res, r.spec.extract, vars, cache) : null;
      error = checkStatus(res.status, r.spec.expect) ?? (r.spec.expect ? checkBody(res, r.spec.expect, vars, cache) : null) ?? extractError;
    }
    const delay = this.startDelayMs;
    this.startDelayMs = 0;
    this.env.record({
      label: r.label,
      module: this.env.scenario.module,
      kind: "request",
      startMs: res.startMs - delay,
      elapsedMs: res.elapsedMs + delay,
      latencyMs: res.latencyMs + delay,
      connectMs: res.connectMs,
      bytesReceived: res.bytesReceived,
      bytesSent: res.bytesSent,
      url: r.url,
      method: r.method,
      ...(error ? { error } : {}),
    });
    return error ? `${r.label}: ${error.message}` : null;
  }

  /**
   * Follows a redirect chain on this VU's connections: 303 (and 301/302 after a POST) become a GET
   * without body, 307/308 repeat the request; credentials (Authorization, Cookie) are not sent to
   * another origin. Each hop has the step's time-out and passes the target allow-list. The result
   * is the last response, timed from the first request's start (elapsed and latency), with connect
   * time and bytes summed over the hops.
   */
  private async followRedirects(r: TCompiledRequest, first: THttpResponse, firstUrl: string, headers: Record<string, string>, body: string | undefined): Promise<THttpResponse> {
    let res = first;
    let url = firstUrl;
    let method = r.method;
    let connectMs = first.connectMs;
    let bytesReceived = first.bytesReceived;
    let bytesSent = first.bytesSent;
    let problem: string | null = null;
    for (let hops = 1; res.location !== undefined && REDIRECTS.has(res.status) && !res.error; hops++) {
      if (this.env.hardSignal.aborted) break;
      if (hops > MAX_REDIRECTS) {
        problem = `more than ${MAX_REDIRECTS} redirects (the last to ${res.location})`;
        break;
      }
      let next: URL;
      try {
        next = new URL(res.location, url);
      } catch {
        next = new URL("invalid:");
      }
      if (next.protocol !== "http:" && next.protocol !== "https:") {
        problem = `cannot follow the redirect to ${JSON.stringify(res.location.slice(0, 200))}`;
        break;
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        if (method !== "HEAD") method = "GET";
        body = undefined;
        headers = withoutHeaders(headers, ["content-type"]);
      }
      if (next.origin !== new URL(url).origin) headers = withoutHeaders(headers, ["authorization", "cookie"]);
      url = next.href;
      res = await this.env.http.request({ origin: next.origin, path: next.pathname + next.search, method, headers, ...(body !== undefined ? { body } : {}), timeoutMs: r.timeoutMs, wantBody: r.wantBody, lane: this.lane });
      connectMs += res.connectMs;
      bytesReceived += res.bytesReceived;
      bytesSent += res.bytesSent;
    }
    const endMs = res.startMs + res.elapsedMs;
    return {
      ...res,
      startMs: first.startMs,
      elapsedMs: endMs - first.startMs,
      latencyMs: res.startMs + res.latencyMs - first.startMs,
      connectMs,
      bytesReceived,
      bytesSent,
      ...(problem !== null && !res.error ? { error: { kind: "other" as const, message: problem } } : {}),
    };
  }

  private async rendezvous(name: string, spans: TransactionSpan[]): Promise<void> {
    if (!this.env.rendezvousEnabled || this.env.stopSignal.aborted) return;
    this.settleRelease(null);
    const arrived = nowMs();
    const notice = await this.env.rendezvous.arrive(name);
    const waited = nowMs() - arrived;
    // INVARIANT: the wait is its own metric and is taken out of every enclosing transaction.
    for (const span of spans) span.addRendezvousWait(waited);
    this.startDelayMs = 0;
    if (notice.releaseId > 0) this.pendingRelease = notice.releaseId;
    // Recorded after this turn: released VUs send first, book-keep after (keeps skew small).
    const sample: TSample = { label: name, module: this.env.scenario.module, kind: "rendezvous_wait", startMs: arrived, elapsedMs: waited };
    setImmediate(() => this.env.record(sample));
  }

  /** Report to the coordinator when the request after a release was sent (skew). */
  private settleRelease(sentAtMs: number | null): void {
    if (this.pendingRelease === null) return;
    this.env.rendezvous.reportSent(this.pendingRelease, sentAtMs);
    this.pendingRelease = null;
  }

  private think(minMs: number, maxMs: number, stopAtMs: number): Promise<unknown> {
    const random = this.env.random ?? Math.random;
    let ms = minMs === maxMs ? minMs : minMs + random() * (maxMs - minMs);
    ms = Math.min(ms, stopAtMs - nowMs());
    if (ms <= 0 || this.env.stopSignal.aborted) return Promise.resolve();
    return sleep(ms, this.env.stopSignal);
  }
}
