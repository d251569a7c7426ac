#!/usr/bin/env node
// Launcher: run the TypeScript CLI through tsx. `agent` (a load generator on NATS) and `launch`
// (start a run on a server, for CI) are their own programs; everything else is the engine's CLI.
import { register } from "tsx/esm/api";

register();
const args = process.argv.slice(2);
const programs = {
  agent: "../lib/agents/agent-cli.ts",
  launch: "../lib/launch/launch-cli.ts",
};
const program = programs[args[0]];
const { main } = await import(program ?? "../lib/engine/cli.ts");
process.exit(await main(program ? args.slice(1) : args));
