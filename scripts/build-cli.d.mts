// Types of scripts/build-cli.mjs for the TypeScript that imports it (scripts/start.ts, the tests).
export interface TBuildTarget {
  name: string;
  /** Relative to the root. */
  outDir: string;
  /** Output name (outDir/<name>.mjs) → source, relative to the root. */
  entries: Record<string, string>;
}
export const ROOT: string;
export const CLI: TBuildTarget;
export const WORKER: TBuildTarget;
export function buildStatus(target: TBuildTarget, options?: { root?: string }): "fresh" | "missing" | { stale: string };
export function build(target: TBuildTarget, options?: { root?: string }): Promise<void>;
export function ensureBuilt(target: TBuildTarget, options?: { root?: string; log?: (line: string) => void }): Promise<string>;
