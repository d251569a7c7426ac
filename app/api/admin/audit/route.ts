import { findAuditLogs } from "@/lib/audit/find-audit-logs";
import { requireRole } from "@/lib/auth/require-role";
import { ok, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** GET /api/admin/audit?action=run.&actor=alice&before=<id>&limit=100 — newest first (admin). */
export const GET = withRoute(async (request) => {
  await requireRole("admin");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return ok(await findAuditLogs(params));
});
