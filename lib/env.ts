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
