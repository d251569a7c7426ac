/**
 * `npx musterpoint launch` — start a run on a Musterpoint server from CI:
 *
 *   musterpoint launch --server <url> --token <api token> <scenario files…> | --scenario <id>…
 *                      [--var name=value]… [--wait] [--junit out.xml] [--interval 30]
 *
 * Scenario files are created or updated on the server (by module and name) through the REST API;
 * then one run of all of them is launched. With --wait it polls the live API, printing JMeter's
 * `summary +` / `summary =` lines every --interval seconds of the run, then the results tables
 * and the thresholds, and writes JUnit XML (one test case per threshold).
 * Exit codes: 0 every threshold passed (or none) · 1 a threshold failed · 2 bad input (arguments,
 * scenario files, a 4xx from the server: token, unknown id, a target not allowed) · 3 the run
 * failed, was cancelled or interrupted, or the server could not be reached.
 * The token may come from MUSTERPOINT_TOKEN instead of --token (keeps it out of the job log).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseVars } from "../engine/cli";
import type { TRunSummary } from "../engine/metrics/types";
import { formatSummaryTables } from "../engine/summary-tables";
import { formatScenarioIssues, parseScenario, type TScenario } from "../engine/scenario";
import { formatThresholdResult, thresholdsPassed, type TThresholdResult } from "../engine/thresholds";
import { junitXml } from "./junit-xml";
import { LaunchInputError, ServerError, serverClient, type TServerClient } from "./server-client";
import { upsertScenario } from "./upsert-scenario";

const USAGE = `usage: musterpoint launch --server <url> --token <api token> (<scenario files…> | --scenario <id>…)
                          [--var name=value]… [--wait] [--junit out.xml] [--interval 30]`;

export const EXIT = { ok: 0, thresholdFailed: 1, badInput: 2, runFailed: 3 } as const;

export interface TLaunchIo {
  out: (line: string) => void;
  err: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

const defaultIo: TLaunchIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  fetch: globalThis.fetch,
};

interface TLive {
  status: string;
  isFinal: boolean;
  lastSecond: number | null;
  elapsedSeconds: number;
  summaryInterval: string | null;
  summaryTotal: string | null;
}

interface TRunRecord {
  id: string;
  name: string;
  status: string;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  thresholdResults: TThresholdResult[] | null;
}

export async function main(argv: string[], io: TLaunchIo = defaultIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: "string" },
        token: { type: "string" },
        scenario: { type: "string", multiple: true, default: [] },
        var: { type: "string", multiple: true, default: [] },
        wait: { type: "boolean", default: false },
        junit: { type: "string" },
        interval: { type: "string", default: "30" },
        help: { type: "boolean", default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return EXIT.badInput;
  }
  if (args.values.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const server = args.values.server ?? process.env.MUSTERPOINT_SERVER;
  const token = args.values.token ?? process.env.MUSTERPOINT_TOKEN;
  const files = args.positionals;
  const ids = args.values.scenario;
  const problems: string[] = [];
  if (!server || !/^https?:\/\/[^/]/i.test(server)) problems.push("--server must be the server's http(s):// address");
  if (!token) problems.push("--token (or MUSTERPOINT_TOKEN) is required: an API token from Account → API tokens");
  if (files.length === 0 && ids.length === 0) problems.push("give scenario files or --scenario <id>");
  if (args.values.junit && !args.values.wait) problems.push("--junit needs --wait (the thresholds are known when the run ends)");
  const intervalSeconds = Number(args.values.interval);
  if (!Number.isFinite(intervalSeconds) || intervalSeconds <= 0) problems.push("--interval must be a positive number of seconds");
  let variables: Record<string, string> = {};
  try {
    variables = parseVars(args.values.var);
  } catch (e) {
    problems.push((e as Error).message);
  }
  if (problems.length) {
    for (const p of problems) io.err(p);
    io.err(USAGE);
    return EXIT.badInput;
  }
  const docs: TScenario[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      io.err(`${file}: cannot read: ${(e as Error).message}`);
      return EXIT.badInput;
    }
    const parsed = parseScenario(text, /\.json$/i.test(file) ? "json" : "yaml");
    if (!parsed.ok) {
      io.err(`${file}: invalid scenario\n${formatScenarioIssues(parsed.errors).replace(/^/gm, "  ")}`);
      return EXIT.badInput;
    }
    for (const w of parsed.warnings) io.err(`${file}: warning: ${w.path}: ${w.message}`);
    docs.push(parsed.scenario);
  }

  const client = serverClient(server!, token!, io.fetch);
  try {
    const scenarioIds = [...ids];
    for (const [i, doc] of docs.entries()) {
      const saved = await upsertScenario(client, doc);
      io.out(
        `${saved.created ? "created" : "updated"} scenario ${saved.moduleName} / ${doc.name} (version ${saved.version}) from ${files[i]}`,
      );
      scenarioIds.push(saved.id);
    }
    const run = await client.send<{ id: string }>("POST", "/api/runs", {
      scenarioIds,
      ...(Object.keys(variables).length ? { variables } : {}),
    });
    const runUrl = client.url(`/runs/${encodeURIComponent(run.id)}`);
    io.out(`launched run ${run.id}: ${runUrl}`);
    if (!args.values.wait) return EXIT.ok;
    return await waitAndReport(client, io, run.id, runUrl, intervalSeconds, args.values.junit);
  } catch (error) {
    io.err((error as Error).message);
    if (error instanceof LaunchInputError) return EXIT.badInput;
    if (error instanceof ServerError) return EXIT.runFailed;
    throw error;
  }
}

/** How often the live API is asked while waiting (the live page polls every 2 s too). */
const POLL_MS = 2000;

async function waitAndReport(
  client: TServerClient,
  io: TLaunchIo,
  runId: string,
  runUrl: string,
  intervalSeconds: number,
  junitPath: string | undefined,
): Promise<number> {
  const path = `/api/runs/${encodeURIComponent(runId)}`;
  let status = "";
  let printedAt: number | null = null;
  let firstSecond: number | null = null;
  let since: number | null = null;
  for (;;) {
    // Only the summary lines are read: `since` keeps each answer to the seconds not seen yet.
    const live: TLive = await client.get<TLive>(`${path}/live${since === null ? "" : `?since=${since}`}`);
    if (live.lastSecond !== null) since = live.lastSecond;
    if (live.status !== status) {
      status = live.status;
      io.err(`run ${status}`);
    }
    if (live.lastSecond !== null) {
      firstSecond ??= live.lastSecond;
      // The summariser's rhythm: a `summary +` / `summary =` pair every interval of run time.
      if (
        live.summaryTotal &&
        (printedAt === null ? live.lastSecond - firstSecond >= intervalSeconds : live.lastSecond - printedAt >= intervalSeconds)
      ) {
        if (live.summaryInterval) io.out(live.summaryInterval);
        io.out(live.summaryTotal);
        printedAt = live.lastSecond;
      }
    }
    if (live.isFinal) break;
    await io.sleep(POLL_MS);
  }
  const record = await client.get<TRunRecord>(path);
  const summary = await client.get<TRunSummary>(`${path}/summary`).catch(() => null);
  if (summary && summary.total.samples > 0) {
    io.out(summary.total.summaryLine);
    io.out("");
    io.out(formatSummaryTables(summary));
  }
  const thresholds = record.thresholdResults ?? [];
  if (thresholds.length) {
    io.out("\nThresholds");
    for (const t of thresholds) io.out(`  ${formatThresholdResult(t)}`);
  }
  io.out(`\nrun ${record.status}${record.error ? `: ${record.error}` : ""} — ${runUrl}`);
  if (junitPath) {
    const started = record.startedAt ? Date.parse(record.startedAt) : NaN;
    const finished = record.finishedAt ? Date.parse(record.finishedAt) : NaN;
    const durationSeconds = Number.isFinite(started) && Number.isFinite(finished) ? Math.max(0, (finished - started) / 1000) : 0;
    writeFileSync(
      junitPath,
      junitXml({ runName: record.name, runId, runUrl, status: record.status, error: record.error, durationSeconds, thresholds }),
    );
    io.out(`wrote ${junitPath}`);
  }
  if (record.status !== "completed") return EXIT.runFailed;
  return thresholdsPassed(thresholds) === false ? EXIT.thresholdFailed : EXIT.ok;
}
