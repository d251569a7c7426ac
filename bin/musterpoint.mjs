#!/usr/bin/env node
// Launcher: runs the CLI built into dist/cli/ (scripts/build-cli.mjs), building it first when it is
// missing or any of its sources changed; tsx is not loaded. `agent` (a load generator on NATS) and
// `launch` (start a run on a server, for CI) are their own programs; everything else is the engine's CLI.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CLI, ensureBuilt } from "../scripts/build-cli.mjs";

const args = process.argv.slice(2);
const programs = {
  agent: "agent-cli.mjs",
  launch: "launch-cli.mjs",
};
const program = programs[args[0]];
let dir;
try {
  dir = await ensureBuilt(CLI, { log: (line) => console.error(`[musterpoint] ${line}`) });
} catch (error) {
  console.error(`[musterpoint] could not build the CLI: ${error instanceof Error ? error.message : error}`);
  process.exit(3);
}
const { main } = await import(pathToFileURL(path.join(dir, program ?? "cli.mjs")).href);
process.exit(await main(program ? args.slice(1) : args));
