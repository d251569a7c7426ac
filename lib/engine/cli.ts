/**
 * musterpoint CLI:
 *
 *   musterpoint run <scenario files…> [--json out.json] [--interval 30] [--vus N]
 *                   [--duration S] [--no-rendezvous] [--workers N]
 *                   [--var name=value]… [--allow <host|CIDR>[:port]]…
 *
 * One run; several files = several scenarios in it. Prints JMeter's `summary +` (last interval)
 * and `summary =` (so far) lines every interval, then tables per label and module, rendezvous
 * releases and error kinds. `--var` sets launch parameters (JMeter's -J: they override scenario
 * variables and are what `${__P(name)}` reads); `__env` reads this process's environment.
 * `--allow` (and MUSTERPOINT_ALLOW_TARGETS) lets load go beyond loopback (cli-targets.ts).
 * Exit codes: 0 ok · 1 a threshold failed · 2 bad scenario, bad arguments, a missing launch
 * parameter or a target that is not allowed.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkTargets, cliAllowTarget, parseAllowTargets, type TAllowEntry } from "./cli-targets";
import { BucketMerger, summarizeRow } from "./metrics/summarize";
import { formatSummaryTables } from "./summary-tables";
import { resolveDataFile, runLoad, type TRunResult, type TRunSnapshot } from "./run-load";
import type { TRunEvent } from "./run-event";
import { formatScenarioIssues, parseScenario, type TRunOverrides, type TScenario } from "./scenario";
import { launchParameterDefaults, requiredLaunchParameters } from "./template";
import { evaluateThresholds, formatThresholdResult, thresholdsPassed } from "./thresholds";

const USAGE = `usage: musterpoint run <scenario files…> [--json out.json] [--interval 30]
                       [--vus N] [--duration S] [--no-rendezvous] [--workers N]
                       [--var name=value]… [--allow <host|CIDR>[:port]]…`;

/** `--var name=value` → launch parameters; throws on a malformed one. */
export function parseVars(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const at = v.indexOf("=");
    const name = at < 0 ? "" : v.slice(0, at).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name))
      throw new Error(`--var expects name=value (a name of letters, digits, _ . -), got "${v}"`);
    out[name] = v.slice(at + 1);
  }
  return out;
}

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
        var: { type: "string", multiple: true, default: [] },
        allow: { type: "string", multiple: true, default: [] },
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
  let allowed: TAllowEntry[];
  try {
    const variables = parseVars(args.values.var);
    if (Object.keys(variables).length > 0) overrides.variables = variables;
    allowed = parseAllowTargets(args.values.allow, process.env.MUSTERPOINT_ALLOW_TARGETS);
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

  const missing = requiredLaunchParameters(scenarios).filter((name) => !(name in (overrides.variables ?? {})));
  if (missing.length > 0) {
    io.err(
      `missing launch parameter${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: the scenario uses \${__P(name)} without a default; give ${missing.map((m) => `--var ${m}=…`).join(" ")}`,
    );
    return 2;
  }
  // A --var that no scenario reads (not a variable, not a __P name) has no effect: most likely a typo.
  for (const name of Object.keys(overrides.variables ?? {}))
    if (
      !scenarios.some(
        (s) => (s.variables && name in s.variables) || requiredLaunchParameters(s).includes(name) || name in launchParameterDefaults(s),
      )
    )
      io.err(`warning: --var ${name} is not used: no scenario has a variable or \${__P(${name})} of that name`);
  // `__env` in a scenario run by the CLI reads the CLI's own environment.
  const env = { ...process.env };
  const refusal = await checkTargets(scenarios, allowed, overrides, env);
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
      if (s.health.saturated)
        io.err(
          `note: generator saturated (event loop ${Math.round(s.health.eventLoopUtilization * 100)} % busy, lag ${s.health.eventLoopLagMs} ms): figures of this second are the generator's limit`,
        );
    }
  };
  const onEvent = (e: TRunEvent) => io.err(`${e.level}: ${e.message}`);
  const run = runLoad({
    scenarios,
    overrides,
    signal: ac.signal,
    onSecond,
    onEvent,
    env,
    allowTarget: cliAllowTarget(allowed),
    ...(workers !== undefined ? { workers } : {}),
  });
  let result: TRunResult;
  try {
    result = await run.done;
  } catch (e) {
    // runLoad refuses what would fail in every VU (e.g. a base URL that does not render): a bad scenario.
    io.err((e as Error).message);
    return 2;
  } finally {
    process.off("SIGINT", onSigint);
  }
  if (interval.size > 0) printLine(io, "+", summarizeRow(interval.rows()));
  io.out(result.summary.total.summaryLine);
  io.out("");
  io.out(formatSummaryTables(result.summary));
  if (result.droppedIterations > 0) io.out(`\nDropped iterations (open model, no free VU): ${result.droppedIterations}`);
  if (result.saturatedSeconds > 0)
    io.out(`Generator saturated during ${result.saturatedSeconds} s: those seconds measure the generator, not the target.`);
  if (args.values.json) {
    writeFileSync(args.values.json, `${JSON.stringify(result.summary, null, 2)}\n`);
    io.out(`\nwrote ${args.values.json}`);
  }
  const thresholds = evaluateThresholds(
    scenarios.flatMap((s) => s.thresholds ?? []),
    result.summary,
  );
  if (thresholds.length > 0) {
    io.out("\nThresholds");
    for (const t of thresholds) io.out(`  ${formatThresholdResult(t)}`);
  }
  const threadFailures = result.runEvents.filter((e) => e.code === "engine_thread_failed").length;
  if (threadFailures > 0) {
    io.err(`error: ${threadFailures} engine thread(s) failed: part of the planned load did not run`);
    return 3;
  }
  return thresholdsPassed(thresholds) === false ? 1 : 0;
}

function printLine(io: TCliIo, type: "+" | "=", row: ReturnType<typeof summarizeRow>): void {
  // summarizeRow's line is "summary = …"; JMeter's interval line uses "+".
  io.out(type === "=" ? row.summaryLine : row.summaryLine.replace(/^summary =/, "summary +"));
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
