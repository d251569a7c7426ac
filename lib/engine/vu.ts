/**
 * The virtual user: runs its scenario's `init` once, then the steps iteration after iteration,
 * then `end` once (executor.ts decides when). Steps are compiled once (compile-scenario.ts).
 *
 * Built-in variables: `vu` / `__vu`, `iteration` / `__iteration`, `scenario`, and `__status`, the
 * status of the last response ("" before any, "0" after a transport error: no status came).
 */
import { nowMs, sleep } from "./clock";
import { checkBody, checkDuration, checkStatus, checkVariables, runExtractors, type TCheckError } from "./checks";
import { isCredentialHeader } from "./credential-headers";
import type { TCompiledRequest, TCompiledScenario, TCompiledStep } from "./compile-scenario";
import { mergeCookieHeader, VuCookieJar } from "./cookie-jar";
import type { TRow } from "./csv-data";
import type { HttpAgent, THttpResponse } from "./http";
import type { TSample } from "./metrics/recorder";
import type { TRendezvousClient } from "./rendezvous";
import type { TRowSource } from "./row-source";
import { render, type TVars } from "./template";
import { TransactionSpan } from "./transactions";
import { createRunContext, createVuRuntime, type TRunContext } from "./vu-runtime";

export { compileScenario, resolveBaseUrl, type TCompiledScenario } from "./compile-scenario";

/** Everything a VU needs from its runner (executor.ts). */
export interface TVuEnv {
  scenario: TCompiledScenario;
  http: HttpAgent;
  record: (s: TSample) => void;
  rendezvous: TRendezvousClient;
  rendezvousEnabled: boolean;
  /** The scenario's CSV data sets (each its own rows and mode); empty: no data. */
  data: TRowSource[];
  /** Graceful stop of the run (no new iterations, think time cut). */
  stopSignal: AbortSignal;
  /** Hard stop: abandon the iteration now. */
  hardSignal: AbortSignal;
  random?: () => number;
  /** The shard's run context (counters, env, launch parameters); default: a fresh one. */
  run?: TRunContext;
}

export type TIterationOutcome = "done" | "no-data" | "stopped";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** JMeter's httpsampler.max_redirects is 20, browsers stop at 20, k6 at 10. */
const MAX_REDIRECTS = 10;
/** A loop pass faster than this did no I/O: yield to the event loop (timers, stops) before the next. */
const MIN_PASS_MS = 0.5;

function withoutHeaders(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) if (!names.includes(k.toLowerCase())) out[k] = headers[k]!;
  return out;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in headers) if (!isCredentialHeader(k)) out[k] = headers[k]!;
  return out;
}

const yieldTurn = () => new Promise<void>((r) => setImmediate(r));

/** Lanes are unique per thread: every VU object has its own connection per origin. */
let nextLane = 1;

export class VirtualUser {
  readonly vars: TVars = new Map();
  private readonly lane = nextLane++;
  iteration = 0;
  /** Open model: delay between the iteration's intended and actual start, added to its first sample. */
  startDelayMs = 0;
  private pendingRelease: number | null = null;
  private readonly jar: VuCookieJar | null;
  /** init drew the first iteration's data rows already (init sees the first iteration's row). */
  private rowsDrawn = false;
  /** init found no data row: the VU did nothing, so `end` does not run either. */
  private neverStarted = false;
  private readonly random: () => number;

  constructor(
    readonly id: number,
    private readonly env: TVuEnv,
  ) {
    for (const [k, v] of env.scenario.variables) this.vars.set(k, v);
    this.vars.set("vu", String(id));
    this.vars.set("__vu", String(id));
    this.vars.set("scenario", env.scenario.name);
    this.vars.set("__status", "");
    this.random = env.random ?? env.run?.random ?? Math.random;
    this.vars.runtime = createVuRuntime(env.run ?? createRunContext({ random: this.random }));
    this.jar = env.scenario.cookies ? new VuCookieJar() : null;
  }

  /**
   * `init` (vuser_init): once, before the first iteration. The first iteration's data rows are
   * drawn here, so a login in init can use a CSV user (as LoadRunner's vuser_init sees the first
   * value). Returns "no-data" when a `unique` set has no row left. A failing init does not stop
   * the VU: its samples count as errors and the iterations run (LoadRunner's default).
   */
  async runInit(): Promise<TIterationOutcome> {
    const steps = this.env.scenario.init;
    if (steps.length === 0) return "done";
    if (this.env.data.length > 0) {
      const drawn = this.drawRows();
      if (!(drawn === true || (drawn !== false && (await drawn)))) {
        this.neverStarted = true;
        return "no-data";
      }
      this.rowsDrawn = true;
    }
    this.vars.set("iteration", "0");
    this.vars.set("__iteration", "0");
    await this.runSteps(steps, [], Number.POSITIVE_INFINITY);
    this.settleRelease(null);
    return this.env.hardSignal.aborted ? "stopped" : "done";
  }

  /** `end` (vuser_end): once when the VU stops (not after a hard stop). */
  async runEnd(): Promise<void> {
    const steps = this.env.scenario.end;
    if (steps.length === 0 || this.neverStarted || this.env.hardSignal.aborted) return;
    await this.runSteps(steps, [], Number.POSITIVE_INFINITY);
    this.settleRelease(null);
  }

  /** One pass over the steps. `stopAtMs`: the VU's own stop time (think time is cut there). */
  async runIteration(stopAtMs = Number.POSITIVE_INFINITY): Promise<TIterationOutcome> {
    this.iteration++;
    const it = String(this.iteration);
    this.vars.set("iteration", it);
    if (this.env.scenario.usesIterationAlias) this.vars.set("__iteration", it);
    // JMeter clears at the start of each main-loop iteration, after which its Once Only (init)
    // runs: init's cookies therefore live through the first iteration; here likewise.
    if (this.jar !== null && this.iteration > 1 && this.env.scenario.cookies!.clearEachIteration) this.jar.clear();
    if (this.rowsDrawn) this.rowsDrawn = false;
    else if (this.env.data.length > 0) {
      const drawn = this.drawRows();
      if (!(drawn === true || (drawn !== false && (await drawn)))) return "no-data";
    }
    await this.runSteps(this.env.scenario.steps, [], stopAtMs);
    this.settleRelease(null);
    return this.env.hardSignal.aborted ? "stopped" : "done";
  }

  /**
   * The next row of every data set into the variables; false when a `unique` set ran out. A
   * promise only when a set's rows are on their way (an agent's leased rows, row-source.ts).
   */
  private drawRows(from = 0): boolean | Promise<boolean> {
    const data = this.env.data;
    for (let i = from; i < data.length; i++) {
      const row = data[i]!.next();
      if (row instanceof Promise)
        return row.then((r) => {
          if (r === null) return false;
          this.setRow(r);
          return this.drawRows(i + 1);
        });
      if (row === null) return false;
      this.setRow(row);
    }
    return true;
  }

  private setRow(row: TRow): void {
    for (const k in row) this.vars.set(k, row[k]!);
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
          await this.think(step.minMs, step.maxMs, stopAtMs, spans);
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
        default:
          stepFailure = await this.controlFlow(step, spans, stopAtMs);
      }
      if (stepFailure !== null) failure ??= stepFailure;
    }
    return failure;
  }

  /** loop, forEach, if, choose: containers whose steps run as if written in place. */
  private async controlFlow(
    step: Exclude<TCompiledStep, { kind: "request" | "rendezvous" | "think" | "transaction" }>,
    spans: TransactionSpan[],
    stopAtMs: number,
  ): Promise<string | null> {
    const vars = this.vars;
    switch (step.kind) {
      case "if":
        return this.runSteps(step.condition(vars) ? step.then : step.else, spans, stopAtMs);
      case "choose": {
        const draw = this.random() * step.total;
        let i = 0;
        while (i < step.upTo.length - 1 && draw >= step.upTo[i]!) i++;
        return this.runSteps(step.branches[i]!, spans, stopAtMs);
      }
      case "forEach": {
        // JMeter's ForEach over `list_1` … `list_N` (an extractor with match -1 sets them and list_matchNr).
        const n = vars.has(`${step.list}_matchNr`) ? Number(vars.get(`${step.list}_matchNr`)) : Number.POSITIVE_INFINITY;
        let failure: string | null = null;
        for (let i = 1; i <= n && !this.env.hardSignal.aborted; i++) {
          const value = vars.get(`${step.list}_${i}`);
          if (value === undefined) break;
          vars.set(step.as, value);
          failure ??= await this.pass(step.steps, spans, stopAtMs);
        }
        return failure;
      }
      case "loop": {
        let failure: string | null = null;
        if (step.while === null) {
          const raw = typeof step.count === "number" ? null : render(step.count!, vars).trim();
          const count = raw === null ? (step.count as number) : raw === "" ? Number.NaN : Number(raw);
          if (!Number.isInteger(count) || count < 0) return `loop count ${JSON.stringify(raw)} is not a whole number ≥ 0`;
          for (let i = 0; i < count && !this.env.hardSignal.aborted; i++) failure ??= await this.pass(step.steps, spans, stopAtMs);
          return failure;
        }
        // An unbounded while ends at a graceful stop too: "finish the iteration" must end.
        const unbounded = !Number.isFinite(step.maxIterations);
        for (
          let i = 0;
          i < step.maxIterations && !this.env.hardSignal.aborted && !(unbounded && this.env.stopSignal.aborted) && step.while(vars);
          i++
        )
          failure ??= await this.pass(step.steps, spans, stopAtMs);
        return failure;
      }
    }
  }

  /** One pass of a loop body; yields a turn when it did no I/O, so a loop cannot starve timers. */
  private async pass(steps: TCompiledStep[], spans: TransactionSpan[], stopAtMs: number): Promise<string | null> {
    const t = nowMs();
    const failure = await this.runSteps(steps, spans, stopAtMs);
    if (nowMs() - t < MIN_PASS_MS) await yieldTurn();
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
    const body = r.body === undefined ? undefined : typeof r.body === "function" ? r.body(vars) : r.body;
    const jar = this.jar;
    const sent = jar === null || jar.isEmpty ? headers : this.withCookies(headers, origin + path);
    let res = await this.env.http.request({
      origin,
      path,
      method: r.method,
      headers: sent,
      ...(body !== undefined ? { body } : {}),
      timeoutMs: r.timeoutMs,
      wantBody: r.wantBody,
      lane: this.lane,
      wantCookies: jar !== null,
    });
    this.settleRelease(res.startMs);
    if (jar !== null && res.setCookie !== undefined) jar.store(origin + path, res.setCookie);
    if (r.followRedirects && res.location !== undefined && REDIRECTS.has(res.status) && !res.error)
      res = await this.followRedirects(r, res, origin + path, headers, body);
    if (this.env.hardSignal.aborted) return null; // interrupted by the hard stop: not a sample
    if (this.env.scenario.usesStatus) vars.set("__status", String(res.error && res.status === 0 ? 0 : res.status));
    const delay = this.startDelayMs;
    this.startDelayMs = 0;
    let error: TCheckError | null = res.error ?? null;
    if (!error) {
      const cache = {};
      const extractError = r.extract ? runExtractors(res, r.extract, vars, cache, this.random) : null;
      error =
        checkStatus(res.status, r.expect) ??
        (r.expect ? (checkBody(res, r.expect, vars, cache) ?? checkDuration(res.elapsedMs + delay, r.expect)) : null) ??
        extractError ??
        (r.variableChecks ? checkVariables(r.variableChecks, vars) : null);
    }
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

  /** The headers with the jar's cookies for `url` merged into the scenario's own Cookie header. */
  private withCookies(headers: Record<string, string>, url: string): Record<string, string> {
    const fromJar = this.jar!.cookieHeader(url);
    if (fromJar === "") return headers;
    return { ...headers, cookie: mergeCookieHeader(headers.cookie, fromJar) };
  }

  /**
   * Follows a redirect chain on this VU's connections: 303 (and 301/302 after a POST) become a GET
   * without body, 307/308 repeat the request; credential headers (Authorization, X-Api-Key, the
   * scenario's own Cookie … every name credential-headers.ts knows) are not sent to another origin, the jar's cookies go wherever they match. Every hop's
   * Set-Cookie is stored. Each hop has the step's time-out and passes the target allow-list. The
   * result is the last response, timed from the first request's start (elapsed and latency), with
   * connect time and bytes summed over the hops.
   */
  private async followRedirects(
    r: TCompiledRequest,
    first: THttpResponse,
    firstUrl: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
  ): Promise<THttpResponse> {
    let res = first;
    let url = firstUrl;
    let method = r.method;
    let connectMs = first.connectMs;
    let bytesReceived = first.bytesReceived;
    let bytesSent = first.bytesSent;
    let problem: string | null = null;
    const jar = this.jar;
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
      if (next.origin !== new URL(url).origin) headers = withoutCredentials(headers);
      url = next.href;
      const sent = jar === null || jar.isEmpty ? headers : this.withCookies(headers, url);
      res = await this.env.http.request({
        origin: next.origin,
        path: next.pathname + next.search,
        method,
        headers: sent,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: r.timeoutMs,
        wantBody: r.wantBody,
        lane: this.lane,
        wantCookies: jar !== null,
      });
      if (jar !== null && res.setCookie !== undefined) jar.store(url, res.setCookie);
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

  private async think(minMs: number, maxMs: number, stopAtMs: number, spans: TransactionSpan[]): Promise<void> {
    let ms = minMs === maxMs ? minMs : minMs + this.random() * (maxMs - minMs);
    ms = Math.min(ms, stopAtMs - nowMs());
    if (ms <= 0 || this.env.stopSignal.aborted) return;
    if (spans.length === 0) {
      await sleep(ms, this.env.stopSignal);
      return;
    }
    // INVARIANT: think time is never counted in a transaction (LoadRunner reports it apart).
    const t = nowMs();
    await sleep(ms, this.env.stopSignal);
    const slept = nowMs() - t;
    for (const span of spans) span.addThinkTime(slept);
  }
}
