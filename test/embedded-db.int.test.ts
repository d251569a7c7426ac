import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

// The default database of `npm start` when DATABASE_URL is unset: a real PostgreSQL, persistent.
describe("embedded PostgreSQL", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "musterpoint-embedded-"));
  const port = 56000 + (process.pid % 4000);
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it("initialises, migrates, keeps data across a restart, and stops cleanly", async () => {
    const first = await startEmbeddedDatabase({ home, port });
    const { applied } = await migrate(first.url);
    expect(applied.length).toBeGreaterThan(0);
    const c1 = new pg.Client({ connectionString: first.url });
    await c1.connect();
    await c1.query(`INSERT INTO "Module" (id, name, "updatedAt") VALUES ('m1', 'persisted', now())`);
    await c1.end();
    await first.stop();
    await expect(new pg.Client({ connectionString: first.url }).connect()).rejects.toThrow();

    const second = await startEmbeddedDatabase({ home, port });
    expect((await migrate(second.url)).applied).toEqual([]);
    const c2 = new pg.Client({ connectionString: second.url });
    await c2.connect();
    const { rows } = await c2.query(`SELECT name FROM "Module"`);
    await c2.end();
    await second.stop();
    expect(rows).toEqual([{ name: "persisted" }]);
  });

  it("a second start on a data folder in use says so, instead of failing with nothing", async () => {
    const first = await startEmbeddedDatabase({ home, port });
    try {
      await expect(startEmbeddedDatabase({ home, port })).rejects.toThrow(/embedded PostgreSQL did not start .*another npm start/);
    } finally {
      await first.stop();
    }
  });
});
