import { errorJson, ok } from "@/lib/http/route-helpers";
import { checkDatabase } from "@/lib/health/check-database";

export const dynamic = "force-dynamic";

/**
 * Liveness + database reachability, for `npm start`, load balancers and e2e start-up (they read the
 * status only): 200 { data: { ok: true, database: "up" } } · 503 { error, code: "DATABASE_DOWN" }.
 */
export async function GET() {
  const db = await checkDatabase();
  if (db.up) return ok({ ok: true as const, database: "up" as const });
  return errorJson(503, { error: `database down: ${db.error}`, code: "DATABASE_DOWN", issues: [] });
}
