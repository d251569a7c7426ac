import { z } from "zod";

/** An empty value (`FOO=` in a .env file) means unset. */
const blank = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema);
const optionalText = blank(z.string().optional());

/**
 * Every environment variable the app reads, checked once (formbricks' env.ts pattern). Documented
 * in docs/operations.md and .env.example. Scripts (scripts/, bench/), test helpers and the engine's
 * own CLI (lib/engine/cli.ts, which must not import anything outside lib/engine) read theirs
 * directly; `npm run lint` forbids process.env everywhere else.
 */
const ZEnv = z.object({
  /** Unset → an embedded PostgreSQL under .musterpoint/ is started by `npm start`. */
  DATABASE_URL: z.string().url().optional(),
  PORT: blank(z.coerce.number().int().min(1).max(65535).default(3000)),
  /** Where the embedded database and other local state live. */
  MUSTERPOINT_HOME: z.string().default(".musterpoint"),
  /** Port of the embedded PostgreSQL. */
  MUSTERPOINT_PG_PORT: blank(z.coerce.number().int().min(1).max(65535).default(54329)),
  /** Worker: how often to look for queued runs when not woken by NOTIFY (ms). */
  MUSTERPOINT_WORKER_POLL_MS: blank(z.coerce.number().int().min(50).default(1000)),
  // Any value is accepted (CI jobs set their own); only "development" changes behaviour.
  NODE_ENV: z.string().default("development"),
  /**
   * Names (comma-separated) of the worker's environment variables that scenarios may read with
   * `${__env(NAME)}`. Default: none — the worker's environment holds DATABASE_URL and secrets.
   */
  MUSTERPOINT_SCENARIO_ENV: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "names of environment variables, comma-separated"))),
  /** The address people use (https://perf.example.com): share links, webhooks, cookie Secure flag. */
  BETTER_AUTH_URL: optionalText,
  /** Signs session cookies (≥ 32 characters); unset → generated once and kept in the database. */
  BETTER_AUTH_SECRET: optionalText,
  /**
   * `off`: the web server hands every request to Next, also the read routes it otherwise answers
   * itself (lib/web/direct-routes.ts) — to compare the two, or to rule the direct lane out.
   */
  MUSTERPOINT_DIRECT_ROUTES: z.enum(["on", "off"]).default("on"),
  /** `off` disables the sign-in rate limit (e2e only). */
  MUSTERPOINT_AUTH_RATE_LIMIT: z.enum(["on", "off"]).default("on"),
  /** An admin API token accepted before any token exists (≥ 32 characters), for automated set-up. */
  MUSTERPOINT_BOOTSTRAP_TOKEN: optionalText,
  /** First start with no account: create this admin instead of printing a set-up link. */
  MUSTERPOINT_ADMIN_EMAIL: optionalText,
  MUSTERPOINT_ADMIN_PASSWORD: optionalText,
  /** Largest JTL upload in bytes (default 10 GB). */
  JTL_IMPORT_MAX_BYTES: blank(z.coerce.number().int().positive().optional()),
  /** The server's time zone: the default display time zone until an admin sets one. */
  TZ: optionalText,
  /** NATS server of the load generator agents; unset → every run on this machine. */
  MUSTERPOINT_NATS_URL: optionalText,
  /** Set by `npm start` for its children, which stop when it is gone. */
  MUSTERPOINT_PARENT_PID: blank(z.coerce.number().int().positive().optional()),
  /** `musterpoint launch`: the server and API token when not given as options. */
  MUSTERPOINT_SERVER: optionalText,
  MUSTERPOINT_TOKEN: optionalText,
  /** Where `next build` writes and the web server reads (default .next). */
  NEXT_DIST_DIR: z.string().default(".next"),
});

export type TEnv = z.infer<typeof ZEnv>;
const KEYS = Object.keys(ZEnv.shape) as (keyof TEnv)[];

let cached: { signature: string; env: TEnv } | undefined;

/**
 * The checked environment. Cached, but re-read when one of its variables changed (tests set
 * JTL_IMPORT_MAX_BYTES or MUSTERPOINT_BOOTSTRAP_TOKEN per test): comparing ~20 strings costs far
 * less than parsing.
 */
export function getEnv(): TEnv {
  const signature = KEYS.map((k) => process.env[k] ?? "\u0000").join("\u0001");
  if (cached?.signature === signature) return cached.env;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = { signature, env: parsed.data };
  return parsed.data;
}

/** The app's own configuration and credentials: never readable by a scenario, even when listed. */
const NEVER_EXPOSED = /^(DATABASE_URL|BETTER_AUTH_\w*|MUSTERPOINT_\w*|PGPASSWORD)$/;

/**
 * What `${__env(NAME)}` may read in runs the worker executes: only the variables named in
 * MUSTERPOINT_SCENARIO_ENV (the app's own configuration excluded), never the whole environment.
 */
export function scenarioEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
  names: readonly string[] = getEnv().MUSTERPOINT_SCENARIO_ENV,
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of names) if (!NEVER_EXPOSED.test(name) && source[name] !== undefined) out[name] = source[name];
  return out;
}
