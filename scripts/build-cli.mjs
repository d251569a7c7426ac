// Builds the programs that Next.js does not build — the CLI (bin/musterpoint.mjs), the engine's
// threads, the worker process and the web server that hosts Next — from TypeScript into JavaScript
// under dist/, once, so that starting one no longer compiles TypeScript through tsx
// (bench/results.md, "CLI start").
//
// A build records every source it read with its SHA-256 (build.json beside the output).
// ensureBuilt() hashes those sources again and rebuilds when one differs or is gone, so output
// older than its sources never starts. Plain JavaScript: the launcher imports it without tsx.
//
//   node scripts/build-cli.mjs [cli|worker|web]…   builds (all targets without arguments)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * @typedef {{ name: string; outDir: string; entries: Record<string, string>; alias?: Record<string, string> }} TBuildTarget
 * entries: output name (<outDir>/<build id>/<name>.mjs) → source, relative to the root.
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

/**
 * The production web server (scripts/start.ts starts it): Next.js as a custom server with the direct
 * read routes (lib/web/direct-routes.ts). Bundles proxy.ts, those routes and the Prisma client, as the
 * worker does; Next itself loads from node_modules.
 * @type {TBuildTarget}
 */
export const WEB = {
  name: "web",
  outDir: "dist/web",
  entries: { server: "lib/web/server.ts" },
  // next has no "exports" map: Node's ESM loader needs the file's own name (Next's bundler does not).
  alias: { "next/server": "next/server.js" },
};

const MANIFEST = "build.json";
/** Names the build folder in use: { "dir": "<build id>" }, replaced in one rename. */
const CURRENT = "current.json";
/** Earlier builds kept for programs still running from them (an agent's next run starts threads from its own folder). */
const KEEP_BUILDS = 4;
const KEEP_BUILD_MS = 60 * 60 * 1000;
/** Besides the sources esbuild reads: what changes how they are built. */
const BUILD_INPUTS = ["scripts/build-cli.mjs", "tsconfig.json", "package.json"];

/** @param {string} file */
function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/**
 * The build folder in use and what it was built from, or null when there is none.
 * @param {TBuildTarget} target
 * @param {string} root
 * @returns {{ dir: string; manifest: { entries: Record<string, string>; inputs: Record<string, string> } } | null}
 */
function currentBuild(target, root) {
  try {
    const base = path.join(root, target.outDir);
    const { dir: id } = JSON.parse(fs.readFileSync(path.join(base, CURRENT), "utf8"));
    const dir = path.join(base, id);
    return { dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), "utf8")) };
  } catch {
    return null;
  }
}

/**
 * "fresh" when there is a build and every input recorded at its build still hashes the same.
 * @param {TBuildTarget} target
 * @param {{ root?: string }} [options]
 * @returns {"fresh" | "missing" | { stale: string }}
 */
export function buildStatus(target, options = {}) {
  const root = options.root ?? ROOT;
  const current = currentBuild(target, root);
  if (!current) return "missing";
  if (JSON.stringify(current.manifest.entries) !== JSON.stringify(target.entries)) return { stale: "the entry points changed" };
  for (const [file, hash] of Object.entries(current.manifest.inputs)) {
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
 * Builds `target` into a folder of its own, named by a hash of its inputs (outDir/<id>/), then
 * names it in current.json. A program keeps running from the folder it started in, so the threads
 * it starts later are its own build, not a newer one; two starts building at once build the
 * same folder and either may name it.
 * @param {TBuildTarget} target
 * @param {{ root?: string }} [options]
 * @returns {Promise<string>} the build's folder
 */
export async function build(target, options = {}) {
  const root = options.root ?? ROOT;
  // Imported here: a start with a current build does not load esbuild.
  const esbuild = await import("esbuild");
  const base = path.join(root, target.outDir);
  fs.mkdirSync(base, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(base, ".tmp-"));
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
      alias: target.alias,
      sourcemap: "linked",
      metafile: true,
      logLevel: "error",
      tsconfig: fs.existsSync(path.join(root, "tsconfig.json")) ? path.join(root, "tsconfig.json") : undefined,
    });
    /** @type {Record<string, string>} */
    const inputs = {};
    const read = Object.keys(result.metafile.inputs).filter((f) => !f.includes("node_modules/"));
    for (const file of [...read, ...BUILD_INPUTS].sort())
      if (fs.existsSync(path.join(root, file))) inputs[file] = sha256(path.join(root, file));
    const manifest = { esbuild: esbuild.version, entries: target.entries, inputs };
    const id = crypto.createHash("sha256").update(JSON.stringify(manifest)).digest("hex").slice(0, 16);
    fs.writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify({ builtAt: new Date().toISOString(), ...manifest }, null, 2)}\n`);
    const dir = path.join(base, id);
    try {
      fs.renameSync(tmp, dir);
    } catch (error) {
      // The same build is there already (another start made it at the same moment): use it.
      if (!fs.existsSync(path.join(dir, MANIFEST))) throw error;
    }
    const pointer = path.join(tmp + ".json");
    fs.writeFileSync(pointer, `${JSON.stringify({ dir: id })}\n`);
    fs.renameSync(pointer, path.join(base, CURRENT));
    prune(base, id);
    return dir;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Removes earlier builds beyond the newest KEEP_BUILDS that are also older than KEEP_BUILD_MS,
 * and what a failed build left.
 * @param {string} base
 * @param {string} keep
 */
function prune(base, keep) {
  const now = Date.now();
  const entries = fs
    .readdirSync(base, { withFileTypes: true })
    .filter((e) => e.name !== keep && e.name !== CURRENT)
    .map((e) => ({ name: e.name, mtimeMs: fs.statSync(path.join(base, e.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  entries.forEach((e, i) => {
    const leftover = e.name.startsWith(".tmp-");
    if (now - e.mtimeMs > KEEP_BUILD_MS && (leftover || i >= KEEP_BUILDS))
      fs.rmSync(path.join(base, e.name), { recursive: true, force: true });
  });
}

/**
 * The folder of a build of `target` made from the sources as they are now: the current one, or
 * a new one when it is missing or older than its sources.
 * @param {TBuildTarget} target
 * @param {{ root?: string; log?: (line: string) => void }} [options]
 * @returns {Promise<string>}
 */
export async function ensureBuilt(target, options = {}) {
  const root = options.root ?? ROOT;
  const status = buildStatus(target, options);
  if (status === "fresh") {
    const current = currentBuild(target, root);
    if (current) return current.dir;
  }
  options.log?.(
    `building ${target.name} (${status === "missing" ? "no build yet" : status === "fresh" ? "replaced meanwhile" : status.stale})…`,
  );
  return build(target, options);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const wanted = process.argv.slice(2);
  for (const target of [CLI, WORKER, WEB].filter((t) => wanted.length === 0 || wanted.includes(t.name))) {
    const started = Date.now();
    const dir = await build(target);
    console.log(`built ${path.relative(ROOT, dir)} in ${Date.now() - started} ms`);
  }
}
