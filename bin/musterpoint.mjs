#!/usr/bin/env node
// Launcher: run the TypeScript CLI (lib/engine/cli.ts) through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../lib/engine/cli.ts");
process.exit(await main(process.argv.slice(2)));
