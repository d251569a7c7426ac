import path from "node:path";
import type { PrismaConfig } from "prisma";

// `prisma generate` works offline only when DATABASE_URL is set (any valid URL; it is not used).
process.env.DATABASE_URL ??= "postgresql://musterpoint@127.0.0.1:5432/unused";

/**
 * The CLI talks to PostgreSQL through an in-memory PGlite adapter (no engine download). Only
 * `prisma generate` and `prisma migrate diff` (scripts/db-diff.ts) are used; migrations are applied by
 * lib/db/migrate.ts.
 */
export default {
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const { createPgliteAdapter } = await import("./scripts/pglite-adapter");
    return createPgliteAdapter();
  },
} satisfies PrismaConfig;
