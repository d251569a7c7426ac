// Builds the programs that run outside Next.js — the CLI (bin/musterpoint.mjs), the engine's
// threads and the worker process — from TypeScript into JavaScript under dist/, once, so that
// starting one no longer compiles TypeScript through tsx (bench/results.md, "CLI start").
//
// A build records every source it read with its SHA-256 (build.json beside the output).
// ensureBuilt() hashes those sources again and rebuilds when one differs or is gone, so output
// older than its sources never runs. Plain JavaScript: the launcher imports it without tsx.
//
//   node scripts/build-cli.mjs [cli|worker]…   builds (all targets without arguments)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * @typedef {{ name: string; outDir: string; entries: Record<string, string> }} TBuildTarget
 * entries: output name (dist/<target>/<name>.mjs) → source, relative to the root.
 */

/**
 * The CLI and its programs. shard-worker is the engine's thread: run-load.ts starts the
 * shard-worker.mjs that sits beside its own built chunk (hence in every target that runs the engine).
 * @type {TBuildTarget}
 */
export const CLI = {
  name: "cli",
  outDir: "dist/cli",
  entries: {
    cli: "lib/engine/cli.ts",
    "agent-cli": "lib/agents/agent-cli.ts",
    "launch-cli": "lib/launch/launch-cli.ts",
    "shard-worker": "lib/engine/shard-worker.ts",
  },
};

/**
 * The worker process (scripts/start.ts starts it). Its own target: it bundles the generated Prisma
 * client, which exists only after `prisma generate` (npm start runs it first), while the CLI
 * must build on a fresh clone.
 * @type {TBuildTarget}
 */
export const WORKER = {
  name: "worker",
  outDir: "dist/worker",
  entries: {
    main: "lib/worker/main.ts",
    "shard-worker": "lib/engine/shard-worker.ts",
    "csv-body-worker": "lib/jmeter/csv/csv-body-worker.ts",
  },
};

const MANIFEST = "build.json";
/** Besides the sources esbuild reads: what changes how they are built. */
const BUILD_INPUTS = ["scripts/build-cli.mjs", "tsconfig.json", "package.json"];

/** @param {string} file */
function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * "fresh" when the output exists and every input recorded at its build still hashes the same.
 * @param {TBuildTarget} target
 * @param {{ root?: string }} [options]
 * @returns {"fresh" | "missing" | { stale: string }}
 */
export function buildStatus(target, options = {}) {
  const root = options.root ?? ROOT;
  const manifestFile = path.join(root, target.outDir, MANIFEST);
  /** @type {{ entries: Record<string, string>; inputs: Record<string, string> }} */
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    return "missing";
  }
  if (JSON.stringify(manifest.entries) !== JSON.stringify(target.entries)) return { stale: "the entry points changed" };
  for (const [file, hash] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = sha256(path.join(root, file));
    } catch {
      return { stale: `${file} is gone` };
    }
    if (now !== hash) return { stale: `${file} changed` };
  }
  return "fresh";
}

/**
 * Builds `target` into a fresh folder, then puts it in place of the old output: a program
 * starting meanwhile sees the old build or the new one, never half of one.
 * @param {TBuildTarget} target
 * @param {{ root?: string }} [options]
 */
export async function build(target, options = {}) {
  const root = options.root ?? ROOT;
  // Imported here: a start with a current build does not load esbuild.
  const esbuild = await import("esbuild");
  const outDir = path.join(root, target.outDir);
  const parent = path.dirname(outDir);
  fs.mkdirSync(parent, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(parent, `.${path.basename(outDir)}-`));
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: target.entries,
      outdir: tmp,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      // Shared code goes into chunks, so `launch --help` does not load the engine.
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // Packages load from node_modules as they are: only our TypeScript is compiled.
      packages: "external",
      sourcemap: "linked",
      metafile: true,
      logLevel: "error",
      tsconfig: fs.existsSync(path.join(root, "tsconfig.json")) ? path.join(root, "tsconfig.json") : undefined,
    });
    /** @type {Record<string, string>} */
    const inputs = {};
    const read = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/"));
    for (const file of [...read, ...BUILD_INPUTS].sort()) if (fs.existsSync(path.join(root, file))) inputs[file] = sha256(path.join(root, file));
    const manifest = { builtAt: new Date().toISOString(), esbuild: esbuild.version, entries: target.entries, inputs };
    fs.writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    const old = `${tmp}.old`;
    try {
      fs.renameSync(outDir, old);
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "ENOENT") throw error;
    }
    try {
      fs.renameSync(tmp, outDir);
    } catch (error) {
      // Another start built it at the same moment and put its own in place first: use that one.
      if (!fs.existsSync(path.join(outDir, MANIFEST))) throw error;
    }
    fs.rmSync(old, { recursive: true, force: true });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The target's output folder, built first when it is missing or older than its sources.
 * @param {TBuildTarget} target
 * @param {{ root?: string; log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureBuilt(target, options = {}) {
  const status = buildStatus(target, options);
  if (status !== "fresh") {
    options.log?.(`building ${target.name} (${status === "missing" ? "no build yet" : status.stale})…`);
    await build(target, options);
  }
  return path.join(options.root ?? ROOT, target.outDir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wanted = process.argv.slice(2);
  for (const target of [CLI, WORKER].filter((t) => wanted.length === 0 || wanted.includes(t.name))) {
    const started = Date.now();
    await build(target);
    console.log(`built ${target.outDir} in ${Date.now() - started} ms`);
  }
}
