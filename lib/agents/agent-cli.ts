/**
 * `npx musterpoint agent --nats <url> [--name a1] [--labels zone=east,rack=3] [--creds file]`
 * A load generator agent (agent-process.ts). Stops on SIGINT/SIGTERM: a run in progress is stopped
 * and its last seconds published first.
 */
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { startAgent } from "./agent-process";
import { connectNats } from "./nats-connect";
import { ZAgentName, ZLabels } from "./protocol";

const USAGE = `usage: musterpoint agent --nats <url> [--name <name>] [--labels k=v,k=v] [--creds <file>]
  --nats     NATS server, e.g. nats://10.0.0.5:4222 (user:pass@ or token@ in the URL; tls:// for TLS)
  --name     unique agent name (letters, digits, _ -); default: the host name
  --labels   labels to choose agents by at launch, e.g. zone=east
  --creds    NATS credentials file (JWT + nkey)`;

export function parseLabels(text: string | undefined): Record<string, string> {
  if (!text) return {};
  const out: Record<string, string> = {};
  for (const pair of text.split(",").filter(Boolean)) {
    const i = pair.indexOf("=");
    if (i <= 0) throw new Error(`--labels: "${pair}" is not key=value`);
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return ZLabels.parse(out);
}

export async function main(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        nats: { type: "string" },
        name: { type: "string" },
        labels: { type: "string" },
        creds: { type: "string" },
        // Test only: pretend this machine's clock is off by this many ms.
        "test-clock-offset-ms": { type: "string" },
        // Test only: delay every message to and from the controller by this many ms (one way).
        "test-net-delay-ms": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const url = values.nats ?? process.env.MUSTERPOINT_NATS_URL;
  if (!url) {
    console.error(`--nats is required\n${USAGE}`);
    return 2;
  }
  const name = ZAgentName.safeParse(values.name ?? hostname().split(".")[0]);
  if (!name.success) {
    console.error(`--name: ${name.error.issues[0]?.message}`);
    return 2;
  }
  let labels: Record<string, string>;
  let offset: number | undefined;
  let netDelay: number | undefined;
  try {
    labels = parseLabels(values.labels);
    offset = values["test-clock-offset-ms"] === undefined ? undefined : z.coerce.number().parse(values["test-clock-offset-ms"]);
    netDelay = values["test-net-delay-ms"] === undefined ? undefined : z.coerce.number().min(0).parse(values["test-net-delay-ms"]);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const log = (m: string) => console.log(`[agent ${name.data}] ${m}`);
  const nc = await connectNats({ url, name: `musterpoint-agent-${name.data}`, ...(values.creds ? { credsFile: values.creds } : {}) });
  const agent = startAgent({
    nc,
    name: name.data,
    labels,
    log,
    ...(offset !== undefined ? { clockOffsetMs: offset } : {}),
    ...(netDelay !== undefined ? { netDelayMs: netDelay } : {}),
  });
  log(`connected to ${new URL(url).host}; waiting for runs`);
  await new Promise<void>((resolve) => {
    for (const s of ["SIGINT", "SIGTERM"] as const) process.once(s, () => resolve());
  });
  log("stopping");
  await agent.close();
  await nc.drain();
  return 0;
}
