// Types of scripts/build-cli.mjs for the TypeScript that imports it (scripts/start.ts, the tests).
export interface TBuildTarget {
  name: string;
  /** Relative to the root. */
  outDir: string;
  /** Output name (outDir/<build id>/<name>.mjs) → source, relative to the root. */
  entries: Record<string, string>;
  /** esbuild's alias: import path → the path the output imports instead. */
  alias?: Record<string, string>;
}
export const ROOT: string;
export const CLI: TBuildTarget;
export const WORKER: TBuildTarget;
export const WEB: TBuildTarget;
export function buildStatus(target: TBuildTarget, options?: { root?: string }): "fresh" | "missing" | { stale: string };
/** Resolves to the build's folder (outDir/<build id>/). */
export function build(target: TBuildTarget, options?: { root?: string }): Promise<string>;
/** The folder of a build made from the sources as they are now. */
export function ensureBuilt(target: TBuildTarget, options?: { root?: string; log?: (line: string) => void }): Promise<string>;
