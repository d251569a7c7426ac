import { prisma } from "@/lib/db/client";

/**
 * test/reset-db.ts with the `name` column cast to text (Prisma's pg adapter cannot deserialise
 * PostgreSQL's `name` type in $queryRaw). INVARIANT: leaves _prisma_migrations alone.
 */
export async function resetDatabase(): Promise<void> {
  const rows = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (rows.length === 0) return;
  const list = rows.map((r) => `"public"."${r.tablename}"`).join(", ");
  await prisma.$executeRawUnsafe(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
}
