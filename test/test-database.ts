import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedDatabase, type TEmbeddedDatabase } from "@/lib/db/embedded";
import { migrate } from "@/lib/db/migrate";

export interface TTestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database named musterpoint_<tag>_<pid>_<time> on the server of DATABASE_URL
 * (this machine has PostgreSQL at 127.0.0.1:5432), or on an embedded PostgreSQL when it is unset.
 */
export async function createTestDatabase(tag: string): Promise<TTestDatabase> {
  let embedded: TEmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedDatabase({
      home: path.join(os.tmpdir(), `musterpoint-test-pg-${process.pid}`),
      port: 55000 + (process.pid % 5000),
    });
    serverUrl = embedded.url;
  }
  const name = `musterpoint_${tag}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  await migrate(url);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
