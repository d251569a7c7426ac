import { checkDatabase } from "@/lib/health/check-database";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for `npm start`, load balancers and e2e start-up. */
export async function GET() {
  const db = await checkDatabase();
  if (db.up) return Response.json({ ok: true, database: "up" });
  return Response.json({ ok: false, database: "down", error: db.error }, { status: 503 });
}
