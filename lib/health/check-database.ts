import { prisma } from "@/lib/db/client";

/** Whether the database answers a trivial query; the error text when it does not. */
export async function checkDatabase(): Promise<{ up: true } | { up: false; error: string }> {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return { up: true };
  } catch (error) {
    return { up: false, error: (error as Error).message };
  }
}
