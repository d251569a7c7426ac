/**
 * Why a run failed or was interrupted (Run.error), by a stable code (lib/i18n/coded-messages.ts).
 * Run.error keeps the English text first, so the API's `error`, webhooks, the CLI and the HTML
 * report say what they always said; the run page words the codes from messages/<locale>.json
 * `runErrors.codes.<code>`. `detail` is someone else's text (the engine's exception, the allow-list
 * check, an agent's answer) and is shown as data.
 */
import {
  codedMaker,
  decodeCodedText,
  encodeCodedText,
  englishOf,
  entry,
  none,
  type TCodedMessage,
  type TParamsOf,
} from "@/lib/i18n/coded-messages";

export const RUN_ERRORS = {
  // The worker, before the load starts (lib/worker/execute-run.ts, lib/agents/agent-controller.ts).
  agents_no_nats: entry(none, () => "the run was launched on agents, but this worker has no MUSTERPOINT_NATS_URL"),
  frozen_invalid: entry(none, () => "the run's frozen scenarios or overrides are invalid"),
  targets_refused: entry(["detail"], (p) => `${p.detail}`),
  agents_not_connected: entry(["count", "agents"], (p) => `agent${Number(p.count) > 1 ? "s" : ""} ${p.agents} not connected`),
  agents_protocol: entry(
    ["agents", "version"],
    (p) => `agent(s) ${p.agents} speak another protocol (in brackets); this controller speaks ${p.version}: upgrade them together`,
  ),
  // While it ran.
  engine_failed: entry(["detail"], (p) => `${p.detail}`),
  agents_failed: entry(["detail"], (p) => `${p.detail}`),
  agents_lost: entry(["agents"], (p) => `agent(s) lost during the run: ${p.agents}`),
  worker_stopped: entry(none, () => "the worker was stopped (SIGTERM) during the run"),
  metrics_dropped: entry(["seconds"], (p) => `${p.seconds} second(s) of metrics dropped during a long database outage`),
  // Recovery (lib/worker/recover-orphans.ts) and the end (lib/runs/finalize-run.ts).
  worker_lost: entry(none, () => "the worker running it stopped (crash or kill); data up to its last written second is kept"),
  no_request_succeeded: entry(["kinds"], (p) => `no request succeeded: ${p.kinds}`),
} as const;

export type TRunErrorCode = keyof typeof RUN_ERRORS;
export type TRunErrorParams<C extends TRunErrorCode> = TParamsOf<typeof RUN_ERRORS, C>;

/** One reason: `runError("worker_stopped", {})`. */
export const runError = codedMaker(RUN_ERRORS);

function english(m: TCodedMessage): string {
  return Object.hasOwn(RUN_ERRORS, m.code) ? englishOf(RUN_ERRORS, m.code as TRunErrorCode, m.params as never) : m.code;
}

/** What Run.error holds for these reasons (null for none). */
export function encodeRunError(parts: readonly TCodedMessage[]): string | null {
  return parts.length ? encodeCodedText(parts, english) : null;
}

/** Run.error as readers get it: the English text and, for a row written with codes, the codes. */
export function decodeRunError(stored: string | null): { error: string | null; errorParts: TCodedMessage[] | null } {
  if (stored === null) return { error: null, errorParts: null };
  const { text, parts } = decodeCodedText(stored);
  return { error: text, errorParts: parts };
}
