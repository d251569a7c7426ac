import { z } from "zod";

/** The one place the environment is read and checked (formbricks' env.ts pattern). */
const ZEnv = z.object({
  /** Unset → an embedded PostgreSQL under .musterpoint/ is started by `npm start`. */
  DATABASE_URL: z.string().url().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Where the embedded database and other local state live. */
  MUSTERPOINT_HOME: z.string().default(".musterpoint"),
  /** Port of the embedded PostgreSQL. */
  MUSTERPOINT_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Worker: how often to look for queued runs when not woken by NOTIFY (ms). */
  MUSTERPOINT_WORKER_POLL_MS: z.coerce.number().int().min(50).default(1000),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /**
   * Names (comma-separated) of the worker's environment variables that scenarios may read with
   * `${__env(NAME)}`. Default: none — the worker's environment holds DATABASE_URL and secrets.
   */
  MUSTERPOINT_SCENARIO_ENV: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((n) => n.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "names of environment variables, comma-separated"))),
});

export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function getEnv(): TEnv {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The app's own configuration and credentials: never readable by a scenario, even when listed. */
const NEVER_EXPOSED = /^(DATABASE_URL|BETTER_AUTH_\w*|MUSTERPOINT_\w*|PGPASSWORD)$/;

/**
 * What `${__env(NAME)}` may read in runs the worker executes: only the variables named in
 * MUSTERPOINT_SCENARIO_ENV (the app's own configuration excluded), never the whole environment.
 */
export function scenarioEnv(source: Readonly<Record<string, string | undefined>> = process.env, names: readonly string[] = getEnv().MUSTERPOINT_SCENARIO_ENV): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) if (!NEVER_EXPOSED.test(name) && source[name] !== undefined) out[name] = source[name];
  return out;
}
