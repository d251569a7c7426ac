// Authors a migration: diff prisma/migrations against prisma/schema.prisma (in-memory PGlite) and,
// if they differ, write prisma/migrations/<yyyyMMddHHmmss>_<name>/migration.sql.
// Usage: npm run db:diff -- <name>
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run db:diff -- <migration_name>");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
fs.mkdirSync(dir, { recursive: true });
const result = spawnSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", dir, "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--exit-code"],
  { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" } },
);
if (result.status === 0) {
  console.log("No schema change: nothing to write.");
  process.exit(0);
}
if (result.status !== 2) {
  console.error(result.stderr || result.stdout);
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
fs.mkdirSync(target, { recursive: true });
fs.writeFileSync(path.join(target, "migration.sql"), result.stdout);
console.log(`Wrote ${path.join(target, "migration.sql")}`);
