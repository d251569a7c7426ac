/**
 * What each event says (pure): the run's or report's headline, a few facts, the JMeter summariser
 * lines the pages show (module lines, then the total), and a link for people.
 *
 * Run events, by final status: completed / cancelled → run.finished; failed / interrupted →
 * run.failed; and, besides either, run.threshold_failed when a threshold did not pass.
 */
import type { TRunSummary } from "@/lib/engine/metrics/types";
import type { TWebhookEvent, TWebhookPayload } from "./webhook.schema";

/** Lines a chat message carries at most (a 200-module run would flood the chat). */
export const MAX_SUMMARY_LINES = 20;

export interface TRunEventInput {
  run: { id: string; name: string; status: string; error?: string | null };
  summary: Pick<TRunSummary, "elapsedSeconds" | "modules" | "total">;
  thresholds: readonly { expression: string; ok: boolean; actual: number | null }[];
  /** Public origin of the app (no trailing slash). */
  origin: string;
  now?: Date;
}

export function runEventsFor(status: string): TWebhookEvent[] {
  if (status === "completed" || status === "cancelled") return ["run.finished"];
  if (status === "failed" || status === "interrupted") return ["run.failed"];
  return [];
}

/** "1h 02m 05s", "3m 00s", "12s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s % 60)}s`;
  if (m > 0) return `${m}m ${pad(s % 60)}s`;
  return `${s}s`;
}

/** The summariser lines of a run: `module: summary = …` per module, then the total's `summary = …`. */
export function runSummaryLines(summary: Pick<TRunSummary, "modules" | "total">): string[] {
  const modules = summary.modules.length > 1 ? summary.modules.map((m) => `${m.module}: ${m.summaryLine}`) : [];
  const shown = modules.slice(0, MAX_SUMMARY_LINES - 1);
  if (modules.length > shown.length) shown.push(`… ${modules.length - shown.length} more modules`);
  return summary.total.samples > 0 || summary.total.summaryLine ? [...shown, summary.total.summaryLine] : shown;
}

const TITLES: Record<TWebhookEvent, string> = {
  "run.finished": "Run finished",
  "run.failed": "Run failed",
  "run.threshold_failed": "Thresholds failed",
  "report.ready": "Report ready",
};

/** The payloads of a run that just ended (zero, one or two events). */
export function runEventPayloads(input: TRunEventInput): TWebhookPayload[] {
  const { run, summary, thresholds } = input;
  const occurredAt = (input.now ?? new Date()).toISOString();
  const failed = thresholds.filter((t) => !t.ok);
  const events = runEventsFor(run.status);
  if (failed.length > 0 && events.length > 0) events.push("run.threshold_failed");
  const facts = [`Status: ${run.status}`, `Duration: ${formatDuration(summary.elapsedSeconds)}`];
  if (run.error) facts.push(`Error: ${run.error.slice(0, 300)}`);
  if (thresholds.length > 0) facts.push(`Thresholds: ${thresholds.length - failed.length} of ${thresholds.length} passed`);
  for (const t of failed.slice(0, 5)) facts.push(`Failed: ${t.expression} (actual ${t.actual === null ? "no samples" : round(t.actual)})`);
  const lines = runSummaryLines(summary);
  const link = `${input.origin}/runs/${encodeURIComponent(run.id)}`;
  return events.map((event) => ({
    event,
    subject: { kind: "run", id: run.id, name: run.name },
    title: `${TITLES[event]}: ${run.name}`,
    facts,
    summaryLines: lines,
    link,
    occurredAt,
  }));
}

/** The payload of a report a tester marked ready: its module lines (one per run and module). */
export function reportReadyPayload(input: {
  report: { id: string; name: string; date: string; runs: number; openProblems: number };
  moduleLines: { module: string; summaryLine: string }[];
  origin: string;
  now?: Date;
}): TWebhookPayload {
  const { report } = input;
  const lines = input.moduleLines.slice(0, MAX_SUMMARY_LINES).map((m) => `${m.module}: ${m.summaryLine}`);
  if (input.moduleLines.length > lines.length) lines.push(`… ${input.moduleLines.length - lines.length} more rows`);
  return {
    event: "report.ready",
    subject: { kind: "report", id: report.id, name: report.name },
    title: `${TITLES["report.ready"]}: ${report.name}`,
    facts: [`Date: ${report.date}`, `Runs: ${report.runs}`, `Open problems: ${report.openProblems}`],
    summaryLines: lines,
    link: `${input.origin}/reports/${encodeURIComponent(report.id)}`,
    occurredAt: (input.now ?? new Date()).toISOString(),
  };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}
