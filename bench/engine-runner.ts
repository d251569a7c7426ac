/**
 * One engine measurement in its own process (so the bench can pin it to a core with taskset and
 * read its CPU and RSS). Prints one JSON line. Modes:
 *   throughput <url> <vus> <seconds>          closed model, no think time, full recording
 *   think <url> <vus> <seconds>               /delay/50 target, 1 s think, each VU its connection
 *   skew <url> <vus> <workers> [iterations]   connect, then per iteration: gather at one rendezvous,
 *                                             release, send (the first release runs on cold JIT)
 *   long <url> <vus> <seconds>                RSS per second
 */
import { runLoad, type TRunSnapshot } from "@/lib/engine/run-load";
import { validateScenario, type TScenario } from "@/lib/engine/scenario";

const [mode, url, a, b] = process.argv.slice(2) as [string, string, string, string];

function scenario(raw: unknown): TScenario {
  const r = validateScenario(raw);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const cpu0 = process.cpuUsage();
const rss: number[] = [];
/** CPU and requests per second, to give a steady-state CPU/request beside the total. */
const perSecond: { cpuUs: number; requests: number }[] = [];
let lastCpu = process.cpuUsage();
const onSecond = (s: TRunSnapshot) => {
  rss.push(s.health.rssMb);
  const c = process.cpuUsage(lastCpu);
  lastCpu = process.cpuUsage();
  perSecond.push({ cpuUs: c.user + c.system, requests: s.buckets.reduce((n, b) => n + (b.kind === "request" ? b.count : 0), 0) });
};
/** Seconds 3…end-1: JIT and connection warm-up excluded. */
function steadyCpuUsPerReq(): number | null {
  const steady = perSecond.slice(2, -1);
  const req = steady.reduce((n, x) => n + x.requests, 0);
  return req === 0 ? null : steady.reduce((n, x) => n + x.cpuUs, 0) / req;
}
let peakRss = 0;
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);

if (mode === "throughput" || mode === "long") {
  const vus = Number(a);
  const seconds = Number(b);
  const s = scenario({
    name: mode,
    baseUrl: url,
    load: { vus, durationSeconds: seconds, gracefulStopSeconds: 2 },
    steps: [{ request: { name: "fast", path: "/fast" } }],
  });
  const r = await runLoad({ scenarios: [s], workers: 0, onSecond }).done;
  const cpu = process.cpuUsage(cpu0);
  const requests = r.summary.total.samples;
  console.log(
    JSON.stringify({
      requests,
      errors: r.summary.total.errors,
      errorKinds: r.summary.errors.map((e) => `${e.label}:${e.kind}:${e.count}:${e.examples[0] ?? ""}`),
      seconds: (r.endedAtMs - r.startedAtMs) / 1000,
      rps: requests / ((r.endedAtMs - r.startedAtMs) / 1000),
      cpuUs: cpu.user + cpu.system,
      steadyCpuUsPerReq: steadyCpuUsPerReq(),
      rssMb: rss,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576),
      saturated: r.saturatedSeconds,
    }),
  );
} else if (mode === "think") {
  const vus = Number(a);
  const seconds = Number(b);
  const rampUp = 5;
  const s = scenario({
    name: "think",
    baseUrl: url,
    load: { vus, rampUpSeconds: rampUp, durationSeconds: seconds, gracefulStopSeconds: 3 },
    steps: [{ request: { name: "slow", path: "/delay/50" } }, { think: { seconds: 1 } }],
  });
  const perSecond: { second: number; count: number; vus: number }[] = [];
  const r = await runLoad({
    scenarios: [s],
    workers: 0,
    onSecond: (x) => {
      onSecond(x);
      perSecond.push({
        second: x.elapsedSeconds,
        count: x.buckets.reduce((n, bk) => n + (bk.kind === "request" ? bk.count : 0), 0),
        vus: x.activeVus,
      });
    },
  }).done;
  const steady = perSecond.filter((p) => p.second > rampUp + 2 && p.second <= seconds - 1);
  const achieved = steady.reduce((n, p) => n + p.count, 0) / Math.max(1, steady.length);
  const overall = r.summary.total.samples / Math.max(0.001, (r.endedAtMs - r.startedAtMs) / 1000);
  console.log(
    JSON.stringify({
      errorKinds: r.summary.errors.map((e) => `${e.kind}:${e.count}:${e.examples[0] ?? ""}`),
      vus,
      achievedRps: achieved,
      overallRps: overall,
      runSeconds: (r.endedAtMs - r.startedAtMs) / 1000,
      p50Ms: r.summary.total.p50Ms,
      p99Ms: r.summary.total.p99Ms,
      errors: r.summary.total.errors,
      samples: r.summary.total.samples,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576),
      saturated: r.saturatedSeconds,
    }),
  );
} else if (mode === "skew") {
  const vus = Number(a);
  const workers = Number(b);
  const iterations = Number(process.argv[6] ?? 5);
  // Warm-up request opens each VU's connection; then everyone gathers and is released at once.
  const s = scenario({
    name: "skew",
    baseUrl: url,
    load: { vus, rampUpSeconds: Math.min(5, vus / 2000), iterations, gracefulStopSeconds: 5 },
    steps: [
      { request: { name: "warm", path: "/fast" } },
      { rendezvous: { name: "all", policy: { allVusersPercent: 100 }, timeoutSeconds: 60 } },
      { request: { name: "go", path: "/fast" } },
    ],
  });
  const r = await runLoad({ scenarios: [s], workers }).done;
  const rel = r.summary.rendezvous[0]?.releases ?? [];
  console.log(
    JSON.stringify({
      vus,
      workers,
      releases: rel.map((x) => ({ released: x.released, reason: x.reason, skewMs: x.skewMs })),
      errors: r.summary.total.errors,
      peakRssMb: Math.round(Math.max(peakRss, process.memoryUsage.rss()) / 1048576),
    }),
  );
}
clearInterval(rssTimer);
process.exit(0);
