import { findAuditLogs, ZAuditQuery } from "@/lib/audit/find-audit-logs";
import { requireRole } from "@/lib/auth/require-role";
import { page, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/**
 * GET /api/admin/audit?action=run.&actor=alice&before=<id>&limit=100 → { data, nextCursor } newest
 * first (admin); nextCursor is the `before` of the next page, null after the last.
 */
export const GET = withRoute(async (request) => {
  await requireRole("admin");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const rows = await findAuditLogs(params);
  const limit = ZAuditQuery.parse(params).limit;
  return page(rows, rows.length === limit ? (rows.at(-1)?.id ?? null) : null);
});
