import { readFileSync } from "node:fs";
import path from "node:path";
import { NEXT_DIST_DIR } from "@/lib/next-dist-dir";

/**
 * Server actions open to viewers — everything else posted as a server action needs tester
 * (access-policy.ts). Named `file#export` as the build's server-reference manifest names them.
 *
 * READ_ONLY_ACTIONS only read (or, for the language, set the caller's own preference cookie).
 * INVARIANT: an action listed here writes nothing to the database and starts nothing; adding one
 * that does hands that write to every viewer.
 */
export const READ_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  "app/_components/language-actions.ts#setLocaleAction",
  "app/(dashboard)/problems/actions.ts#getProblemAction",
  "app/(dashboard)/reports/actions.ts#compareAction",
]);

/**
 * OWN_ACCOUNT_ACTIONS change the caller's own account only (their API tokens, their display time
 * zone), what /api/tokens and /api/account let a viewer do. The proxy takes them from a signed-in
 * session only, never a bearer token (a leaked token must not mint successors); the token actions
 * check that themselves too (requireSessionUser).
 * INVARIANT: an action listed here touches nothing but the calling user's own rows, unless their
 * role allows more anyway (an admin revokes anyone's token, as DELETE /api/tokens/:id).
 */
export const OWN_ACCOUNT_ACTIONS: ReadonlySet<string> = new Set([
  "app/(dashboard)/account/actions.ts#createApiTokenAction",
  "app/(dashboard)/account/actions.ts#revokeApiTokenAction",
  "app/(dashboard)/account/actions.ts#setOwnTimeZoneAction",
]);

/** The part of `.next/server/server-reference-manifest.json` we read: action id → where it is defined. */
type TManifest = { node?: Record<string, { filename?: unknown; exportedName?: unknown }> };

/** The ids of the `names` actions in a manifest. Ids are build-specific hashes, so only a manifest maps them. */
export function actionIds(manifest: unknown, names: ReadonlySet<string>): Set<string> {
  const ids = new Set<string>();
  const node = (manifest as TManifest | null)?.node;
  if (!node || typeof node !== "object") return ids;
  for (const [id, entry] of Object.entries(node)) {
    if (typeof entry?.filename === "string" && typeof entry.exportedName === "string") {
      if (names.has(`${entry.filename.replaceAll("\\", "/")}#${entry.exportedName}`)) ids.add(id);
    }
  }
  return ids;
}

/** `next build` writes the manifest under .next/server; `next dev` under .next/dev/server. */
const MANIFESTS = [`${NEXT_DIST_DIR}/server/server-reference-manifest.json`, `${NEXT_DIST_DIR}/dev/server/server-reference-manifest.json`];
/** `next dev` compiles actions as pages are visited, so an unknown id re-reads the manifest at most this often. */
const RELOAD_AFTER_MS = 2_000;

export interface TActionLookup {
  /** Whether the id is one of the listed actions. */
  has(actionId: string, now?: number): boolean;
}

/**
 * Looks the ids of the `names` actions up in the manifest(s) read by `load`; an unreadable manifest
 * means no action is listed.
 */
export function createActionLookup(names: ReadonlySet<string>, load: () => unknown[] = loadManifests): TActionLookup {
  let ids: Set<string> | null = null;
  let loadedAt = 0;
  const reload = (now: number) => {
    ids = new Set(load().flatMap((manifest) => [...actionIds(manifest, names)]));
    loadedAt = now;
  };
  return {
    has(actionId, now = Date.now()) {
      if (!ids || (!ids.has(actionId) && now - loadedAt >= RELOAD_AFTER_MS)) reload(now);
      return ids!.has(actionId);
    },
  };
}

function loadManifests(): unknown[] {
  const out: unknown[] = [];
  for (const file of MANIFESTS) {
    try {
      out.push(JSON.parse(readFileSync(path.join(process.cwd(), file), "utf8")));
    } catch {
      // not built this way
    }
  }
  return out;
}
