/**
 * Agents benchmark (`npm run bench -- agents`; results: bench/results.md). Needs root for `ip netns`.
 *
 * Network: a hub namespace (bridge, NATS with JetStream, the target) and three agent namespaces on
 * veth pairs; the controller (this process) reaches the hub over its own veth. Every message
 * between controller and agent is delayed 0.2 / 4 / 12 ms one way. tc netem would do that on the
 * veth (NATS port only), but this machine's kernel has no netem (nor prio) qdisc ("Specified qdisc
 * kind is unknown"), so the agents delay them themselves (their test-only --test-net-delay-ms:
 * every controller message handled, every answer sent, that much later). The agents' clocks are off
 * by +25 / −15 / +40 ms (--test-clock-offset-ms). Traffic to the target is not delayed.
 *
 * 1. Release spread: 30 VUs (10 per agent), one global rendezvous (count 30) per iteration, 8
 *    iterations; the target stamps every released request; spread = last − first arrival of a
 *    burst. p50 and max over bursts 2–8 (the first opens the connections). Three ways of releasing:
 *    at T corrected by each agent's measured offset (the product), at T uncorrected, on receipt.
 * 2. Merged throughput: 40 VUs without think time for BENCH_SECONDS (8) on 1 agent, then on 2;
 *    samples per second as merged by the controller from the agents' JetStream seconds.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats } from "@/lib/agents/nats-connect";
import { decode, HEARTBEAT_SUBJECT, ZHeartbeat, type TReleaseMode } from "@/lib/agents/protocol";
import { ensureMetricsStream, runOnAgents } from "@/lib/agents/run-on-agents";
import { ZScenario, type TScenario } from "@/lib/engine/scenario";

const ROOT = path.resolve(import.meta.dirname, "..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const HUB = "mpg-hub";
const AGENTS = [
  { ns: "mpg-a1", name: "bench-a1", ip: "10.47.0.11", delayMs: 0.2, offsetMs: 25 },
  { ns: "mpg-a2", name: "bench-a2", ip: "10.47.0.12", delayMs: 4, offsetMs: -15 },
  { ns: "mpg-a3", name: "bench-a3", ip: "10.47.0.13", delayMs: 12, offsetMs: 40 },
];
const TARGET_PORT = 47170;
const NATS_DIR = "/tmp/mpg-bench-nats";

function sh(cmd: string, ignore = false): void {
  const r = spawnSync("sh", ["-c", cmd], { encoding: "utf8" });
  if (r.status !== 0 && !ignore) throw new Error(`${cmd}: ${r.stderr.trim()}`);
}

function teardown(): void {
  for (const a of AGENTS) sh(`ip netns del ${a.ns}`, true);
  sh(`ip netns del ${HUB}`, true);
  sh(`ip link del mpg-r0`, true);
  rmSync(NATS_DIR, { recursive: true, force: true });
}

function setUp(): void {
  teardown();
  sh(`ip netns add ${HUB}`);
  sh(`ip -n ${HUB} link set lo up`);
  sh(`ip -n ${HUB} link add br-mpg type bridge && ip -n ${HUB} addr add 10.47.0.1/24 dev br-mpg && ip -n ${HUB} link set br-mpg up`);
  // The controller's way in: root 10.47.1.1 ↔ hub 10.47.1.2.
  sh(`ip link add mpg-r0 type veth peer name mpg-r1 && ip link set mpg-r1 netns ${HUB}`);
  sh(
    `ip addr add 10.47.1.1/24 dev mpg-r0 && ip link set mpg-r0 up && ip -n ${HUB} addr add 10.47.1.2/24 dev mpg-r1 && ip -n ${HUB} link set mpg-r1 up`,
  );
  AGENTS.forEach((a, i) => {
    const va = `mpg-va${i + 1}`;
    const vh = `mpg-vh${i + 1}`;
    sh(`ip netns add ${a.ns} && ip -n ${a.ns} link set lo up`);
    sh(`ip link add ${va} netns ${a.ns} type veth peer name ${vh} netns ${HUB}`);
    sh(`ip -n ${a.ns} addr add ${a.ip}/24 dev ${va} && ip -n ${a.ns} link set ${va} up`);
    sh(`ip -n ${HUB} link set ${vh} master br-mpg && ip -n ${HUB} link set ${vh} up`);
  });
}

const children: ChildProcess[] = [];
function start(ns: string, args: string[], name: string): ChildProcess {
  const child = spawn("ip", ["netns", "exec", ns, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  child.stderr?.on("data", (d: Buffer) => process.env.BENCH_VERBOSE && process.stderr.write(`${name}: ${d}`));
  child.stdout?.on("data", (d: Buffer) => process.env.BENCH_VERBOSE && process.stdout.write(`${name}: ${d}`));
  children.push(child);
  return child;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))] ?? NaN;
};

/** The target: stamps /rv requests (epoch ms, µs precision), GET /stamps returns and clears them. */
const TARGET_SRC = `
const http = require("node:http");
const origin = performance.timeOrigin;
let stamps = [];
http.createServer((req, res) => {
  if (req.url.startsWith("/rv")) stamps.push(origin + performance.now());
  if (req.url === "/stamps") { res.end(JSON.stringify(stamps)); stamps = []; return; }
  res.end("ok");
}).listen(${TARGET_PORT}, "0.0.0.0");
`;

async function presenceOf(nc: NatsConnection) {
  const seen = new Map<string, { at: number; runId: string | null }>();
  nc.subscribe(HEARTBEAT_SUBJECT, {
    callback: (_e, m) => {
      const hb = decode(ZHeartbeat, m.data);
      seen.set(hb.name, { at: Date.now(), runId: hb.runId });
    },
  });
  return (name: string) => ({ lastSeenMs: seen.get(name)?.at, runId: seen.get(name)?.runId ?? null });
}

async function runBench(
  nc: NatsConnection,
  presence: (n: string) => { lastSeenMs: number | undefined; runId: string | null },
  agents: string[],
  scenario: TScenario,
  mode: TReleaseMode,
) {
  let samples = 0;
  const firstSecond = { v: Infinity };
  const lastSecond = { v: 0 };
  const runId = `bench${Date.now().toString(36)}`;
  const result = await runOnAgents({
    nc,
    runId,
    scenarios: [scenario],
    agents,
    allowList: { hosts: [], cidrs: ["10.47.0.0/24"], ports: [] },
    presence,
    releaseMode: mode,
    onAgentSecond: async (s) => {
      const n = s.buckets.reduce((x, b) => x + (b.kind === "request" ? b.count : 0), 0);
      samples += n;
      if (n > 0) {
        firstSecond.v = Math.min(firstSecond.v, s.second);
        lastSecond.v = Math.max(lastSecond.v, s.second);
      }
    },
  });
  return { samples, seconds: (result.endedAtMs - result.startedAtMs) / 1000, result };
}

async function main(): Promise<void> {
  try {
    sh("ip netns add mpg-probe && ip netns del mpg-probe");
  } catch (e) {
    console.log(`ip netns is not permitted here (${(e as Error).message}); this bench needs it.`);
    process.exit(1);
  }
  setUp();
  mkdirSync(NATS_DIR, { recursive: true });
  try {
    start(HUB, ["nats-server", "-a", "0.0.0.0", "-p", "4222", "-js", "-sd", NATS_DIR], "nats");
    start(HUB, [process.execPath, "-e", TARGET_SRC], "target");
    await sleep(1000);
    for (const a of AGENTS)
      start(
        a.ns,
        [
          process.execPath,
          "bin/musterpoint.mjs",
          "agent",
          "--nats",
          "nats://10.47.0.1:4222",
          "--name",
          a.name,
          `--test-clock-offset-ms=${a.offsetMs}`,
          `--test-net-delay-ms=${a.delayMs}`,
        ],
        a.name,
      );
    const nc = await connectNats({ url: "nats://10.47.1.2:4222" });
    await ensureMetricsStream(await jetstreamManager(nc));
    const presence = await presenceOf(nc);
    for (let i = 0; i < 120 && AGENTS.some((a) => presence(a.name).lastSeenMs === undefined); i++) await sleep(500);
    console.log(
      `agents up: ${AGENTS.map((a) => `${a.name} (controller messages one way ${a.delayMs} ms, clock ${a.offsetMs > 0 ? "+" : ""}${a.offsetMs} ms)`).join(", ")}`,
    );

    // 1. release spread
    const rvScenario = ZScenario.parse({
      name: "rv",
      module: "bench",
      baseUrl: `http://10.47.0.1:${TARGET_PORT}`,
      load: { vus: 30, iterations: 8 },
      steps: [
        { rendezvous: { name: "go", policy: { count: 30 }, timeoutSeconds: 30 } },
        { request: { method: "GET", path: "/rv" } },
        { think: { seconds: 0.5 } },
      ],
    });
    const names = AGENTS.map((a) => a.name);
    const spreadRows: string[] = [];
    for (const mode of ["corrected", "uncorrected", "on-receipt"] as const) {
      await fetch(`http://10.47.1.2:${TARGET_PORT}/stamps`);
      await runBench(nc, presence, names, rvScenario, mode);
      const stamps = (await (await fetch(`http://10.47.1.2:${TARGET_PORT}/stamps`)).json()) as number[];
      stamps.sort((a, b) => a - b);
      const bursts: number[][] = [];
      for (const t of stamps) {
        const last = bursts.at(-1);
        if (last && t - last[0]! < 300) last.push(t);
        else bursts.push([t]);
      }
      const sizes = bursts.map((b) => b.length);
      const spreads = bursts.slice(1).map((b) => b.at(-1)! - b[0]!);
      spreadRows.push(`| ${mode} | ${sizes.join(" ")} | ${quantile(spreads, 0.5).toFixed(2)} ms | ${Math.max(...spreads).toFixed(2)} ms |`);
      console.log(spreadRows.at(-1));
    }

    // 2. merged throughput
    const tput = ZScenario.parse({
      name: "tput",
      module: "bench",
      baseUrl: `http://10.47.0.1:${TARGET_PORT}`,
      load: { vus: 40, durationSeconds: SECONDS },
      steps: [{ request: { method: "GET", path: "/fast" } }],
    });
    const one = await runBench(nc, presence, [names[0]!], tput, "corrected");
    const two = await runBench(nc, presence, [names[0]!, names[1]!], tput, "corrected");
    const r1 = one.samples / one.seconds;
    const r2 = two.samples / two.seconds;
    console.log(`\n| release | burst sizes | spread p50 | spread max |\n| --- | --- | --- | --- |\n${spreadRows.join("\n")}`);
    console.log(
      `\nmerged throughput: 1 agent ${r1.toFixed(0)} req/s (${one.samples} in ${one.seconds.toFixed(1)} s), 2 agents ${r2.toFixed(0)} req/s (${two.samples} in ${two.seconds.toFixed(1)} s): ratio ${(r2 / r1).toFixed(2)}`,
    );
    console.log(`load average: ${spawnSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).stdout.trim()}`);
    await nc.drain();
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
    await sleep(1500);
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    teardown();
  }
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    console.error(e);
    teardown();
    process.exit(1);
  },
);
