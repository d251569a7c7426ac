/**
 * A plain node-postgres pool for the bulk reads of packed bucket data (bytea). Prisma's driver
 * adapter decodes large bytea values slowly (≈ 100 ms per MB measured), which alone would break
 * the results-page budget; node-postgres hands back Buffers at memory speed. Keyed by
 * DATABASE_URL so tests that switch databases get their own pool.
 */
import pg from "pg";
import { getEnv } from "../env";

const globalForPool = globalThis as unknown as { musterpointRawPools?: Map<string, pg.Pool> };

export function rawPool(): pg.Pool {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const pools = (globalForPool.musterpointRawPools ??= new Map());
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4 });
    pool.on("error", () => undefined); // an idle client lost its connection (database restart): dropped, reconnects on demand
    pools.set(url, pool);
  }
  return pool;
}

/** Rows of (base, data) for packed reads. */
export interface TPackedRow {
  base: number;
  data: Buffer;
}
