// Worker threads of Node 20 do not inherit `--import tsx`: register tsx here, then load the
// TypeScript entry named in workerData. Only when run-load.ts runs from source: built, it starts
// shard-worker.mjs directly (scripts/build-cli.mjs).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);
