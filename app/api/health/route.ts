import { prisma } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for `npm start`, load balancers and e2e start-up. */
export async function GET() {
  try {
    await prisma.$queryRaw`SELECT 1`;
    return Response.json({ ok: true, database: "up" });
  } catch (error) {
    return Response.json({ ok: false, database: "down", error: (error as Error).message }, { status: 503 });
  }
}
