import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * Applies prisma/migrations/* in name order, each in its own transaction, recording them in
 * `_prisma_migrations` with Prisma's columns and checksums so `prisma migrate status` agrees.
 * (prisma migrate deploy does not work through the pg adapter: prisma/orm#27403.)
 * INVARIANT: runs under Prisma's advisory lock key, so concurrent starters apply each file once.
 */
const ADVISORY_LOCK_KEY = 72707369;
const DEFAULT_DIR = path.join(process.cwd(), "prisma", "migrations");

export interface TMigrateResult {
  applied: string[];
  warnings: string[];
}

export async function migrate(connectionString: string, dir = DEFAULT_DIR): Promise<TMigrateResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  const warnings: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r]));
    const names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      const row = done.get(name);
      if (row) {
        if (!row.finished_at) {
          throw new Error(
            `Migration ${name} started earlier but never finished; fix the database by hand, then delete its row in _prisma_migrations.`,
          );
        }
        if (row.checksum !== checksum) warnings.push(`Migration ${name} was changed after it was applied.`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql); // simple protocol: multi-statement scripts run as one
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
  return { applied, warnings };
}
