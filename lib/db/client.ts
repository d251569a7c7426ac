import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { getEnv } from "../env";

/**
 * The Prisma client singleton (driver adapter over node-postgres; no engine binary).
 * Only lib/<domain> modules call it. Kept free of `server-only` so the worker and Vitest can import it.
 */
const globalForPrisma = globalThis as unknown as { musterpointPrisma?: PrismaClient };

export function createPrismaClient(connectionString: string): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: 10 });
  return new PrismaClient({ adapter });
}

export function getPrisma(): PrismaClient {
  if (!globalForPrisma.musterpointPrisma) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm start sets it to the embedded database)");
    globalForPrisma.musterpointPrisma = createPrismaClient(url);
  }
  return globalForPrisma.musterpointPrisma;
}

/** Proxy so call sites can write `prisma.module.findMany()` without initialising at import time. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma() as unknown as Record<PropertyKey, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});

export type { PrismaClient } from "./generated/client";
export { Prisma } from "./generated/client";
