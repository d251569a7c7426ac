// The app as Playwright sees it: a fresh migrated database (createTestDatabase("e2e")) with the
// e2e admin account, then the BUILT web app (`next build` must have run) and the worker, on port
// 3100 (or PORT). Stops everything and drops the database on SIGTERM/SIGINT (Playwright sends
// SIGTERM at the end). Credentials come from e2e/e2e-env.ts via playwright.config.ts's env.
import { createTestDatabase } from "../test/test-database";
import { startServices } from "./start";

const port = Number(process.env.PORT ?? 3100);

/** Creates the admin from MUSTERPOINT_ADMIN_EMAIL / _PASSWORD, as `npm start` does on first start. */
async function createAdmin(databaseUrl: string): Promise<void> {
  process.env.DATABASE_URL = databaseUrl;
  const { ensureFirstAdmin } = await import("../lib/auth/ensure-first-admin");
  const { getPrisma } = await import("../lib/db/client");
  try {
    const result = await ensureFirstAdmin();
    if (result.kind !== "created") throw new Error(`expected to create the e2e admin, got ${result.kind}`);
  } finally {
    await getPrisma().$disconnect();
  }
}

async function main(): Promise<void> {
  const db = await createTestDatabase("e2e");
  let services: Awaited<ReturnType<typeof startServices>> | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await services?.stop().catch((e: unknown) => console.error("[e2e-server] stop failed", e));
    await db.drop().catch((e: unknown) => console.error("[e2e-server] drop failed", e));
    process.exit(code);
  };
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGINT", () => void shutdown(0));
  try {
    await createAdmin(db.url);
    services = await startServices({ databaseUrl: db.url, port });
  } catch (error) {
    console.error(`[e2e-server] ${(error as Error).message}`);
    await shutdown(1);
    return;
  }
  console.log(`[e2e-server] ready on ${services.url}`);
}

void main();
