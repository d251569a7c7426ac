import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createTestDatabase, type TTestDatabase } from "./test-database";

describe("migration runner", () => {
  let db: TTestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("migrate");
  });
  afterAll(async () => {
    await db.drop();
  });

  it("applied every migration once and records them as Prisma does", async () => {
    const again = await migrate(db.url);
    expect(again.applied).toEqual([]);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query(`SELECT migration_name, finished_at, length(checksum) AS n FROM "_prisma_migrations"`);
    const tables = await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    await c.end();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.n).toBe(64);
    }
    expect(tables.rows[0].n).toBeGreaterThan(20);
  });
});
