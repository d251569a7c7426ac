/**
 * musterpoint CLI:
 *
 *   musterpoint run <scenario files…> [--json out.json] [--interval 30] [--vus N]
 *                   [--duration S] [--no-rendezvous] [--workers N]
 *
 * One run; several files = several scenarios in it. Prints JMeter's `summary +` (last interval)
 * and `summary =` (so far) lines every interval, then tables per label and module, rendezvous
 * releases and error kinds. Exit codes: 0 ok · 1 a threshold failed · 2 bad scenario, bad
 * arguments or a target outside loopback.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { allowLoopbackOnly } from "./http";
import { BucketMerger, summarizeRow } from "./metrics/summarize";
import { formatSummaryTables } from "./report-text";
import { resolveDataFile, runLoad, type TRunSnapshot } from "./run-load";
import { formatScenarioIssues, parseScenario, walkSteps, type TRunOverrides, type TScenario } from "./scenario";
import { evaluateThresholds } from "./thresholds";

const USAGE = `usage: musterpoint run <scenario files…> [--json out.json] [--interval 30]
                       [--vus N] [--duration S] [--no-rendezvous] [--workers N]`;

export interface TCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function main(argv: string[], io: TCliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "run") {
    io.err(USAGE);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: "string" },
        interval: { type: "string", default: "30" },
        vus: { type: "string" },
        duration: { type: "string" },
        "no-rendezvous": { type: "boolean", default: false },
        workers: { type: "string" },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const files = args.positionals;
  if (files.length === 0) {
    io.err(USAGE);
    return 2;
  }
  const scenarios: TScenario[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      io.err(`${file}: cannot read: ${(e as Error).message}`);
      return 2;
    }
    const parsed = parseScenario(text, /\.json$/i.test(file) ? "json" : "yaml");
    if (!parsed.ok) {
      io.err(`${file}: invalid scenario\n${formatScenarioIssues(parsed.errors).replace(/^/gm, "  ")}`);
      return 2;
    }
    for (const w of parsed.warnings) io.err(`${file}: warning: ${w.path}: ${w.message}`);
    scenarios.push(resolveDataFile(parsed.scenario, file));
  }
  const overrides: TRunOverrides = {};
  const num = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  let intervalSeconds: number;
  let workers: number | undefined;
  try {
    intervalSeconds = num("interval", args.values.interval) ?? 30;
    const vus = num("vus", args.values.vus);
    if (vus !== undefined) overrides.vus = Math.round(vus);
    const duration = num("duration", args.values.duration);
    if (duration !== undefined) overrides.durationSeconds = duration;
    if (args.values["no-rendezvous"]) overrides.rendezvousEnabled = false;
    workers = args.values.workers === undefined ? undefined : Number(args.values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new Error("--workers must be an integer ≥ 0");
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }

  const refusal = await checkTargets(scenarios);
  if (refusal) {
    io.err(refusal);
    return 2;
  }

  const ac = new AbortController();
  const onSigint = () => {
    io.err("stopping (Ctrl-C again to force)…");
    if (ac.signal.aborted) process.exit(130);
    ac.abort();
  };
  process.on("SIGINT", onSigint);

  const interval = new BucketMerger();
  const totalSoFar = new BucketMerger();
  let lastPrint = 0;
  const onSecond = (s: TRunSnapshot) => {
    const requests = s.buckets.filter((b) => b.kind === "request");
    interval.add(requests);
    totalSoFar.add(requests);
    if (s.elapsedSeconds - lastPrint >= intervalSeconds) {
      lastPrint = s.elapsedSeconds;
      printLine(io, "+", summarizeRow(interval.rows()));
      printLine(io, "=", summarizeRow(totalSoFar.rows()));
      interval.clear();
      if (s.health.saturated) io.err(`note: generator saturated (event loop ${Math.round(s.health.eventLoopUtilization * 100)} % busy, lag ${s.health.eventLoopLagMs} ms): figures of this second are the generator's limit`);
    }
  };
  const run = runLoad({ scenarios, overrides, signal: ac.signal, onSecond, ...(workers !== undefined ? { workers } : {}) });
  const result = await run.done;
  process.off("SIGINT", onSigint);
  if (interval.size > 0) printLine(io, "+", summarizeRow(interval.rows()));
  io.out(result.summary.total.summaryLine);
  io.out("");
  io.out(formatSummaryTables(result.summary));
  if (result.droppedIterations > 0) io.out(`\nDropped iterations (open model, no free VU): ${result.droppedIterations}`);
  if (result.saturatedSeconds > 0) io.out(`Generator saturated during ${result.saturatedSeconds} s: those seconds measure the generator, not the target.`);
  if (args.values.json) {
    writeFileSync(args.values.json, `${JSON.stringify(result.summary, null, 2)}\n`);
    io.out(`\nwrote ${args.values.json}`);
  }
  const thresholds = evaluateThresholds(scenarios, result.summary);
  if (thresholds.length > 0) {
    io.out("\nThresholds");
    for (const t of thresholds) io.out(`  ${t.message}`);
  }
  return thresholds.some((t) => !t.passed) ? 1 : 0;
}

function printLine(io: TCliIo, type: "+" | "=", row: ReturnType<typeof summarizeRow>): void {
  // summarizeRow's line is "summary = …"; JMeter's interval line uses "+".
  io.out(type === "=" ? row.summaryLine : row.summaryLine.replace(/^summary =/, "summary +"));
}

/** Every origin a scenario talks to must resolve to loopback (the CLI's safety default). */
async function checkTargets(scenarios: TScenario[]): Promise<string | null> {
  const hosts = new Set<string>();
  for (const s of scenarios) {
    hosts.add(new URL(s.baseUrl).hostname);
    walkSteps(s, (step) => {
      if ("request" in step && /^https?:\/\//i.test(step.request.path) && !step.request.path.includes("${"))
        hosts.add(new URL(step.request.path).hostname);
    });
  }
  for (const raw of hosts) {
    const host = raw.replace(/^\[|\]$/g, "");
    let address = host;
    if (!isIP(host)) {
      try {
        address = (await lookup(host)).address;
      } catch (e) {
        return `cannot resolve target host ${host}: ${(e as Error).message}`;
      }
    }
    if (!allowLoopbackOnly(host, address))
      return `refusing target ${host} (${address}): the CLI only sends load to loopback addresses (127.0.0.0/8, ::1).`;
  }
  return null;
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exit(3);
    },
  );
}
