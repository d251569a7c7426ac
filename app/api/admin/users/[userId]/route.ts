import { recordAudit } from "@/lib/audit/record-audit";
import { deleteUser } from "@/lib/auth/delete-user";
import { requireRole } from "@/lib/auth/require-role";
import { updateUserRole } from "@/lib/auth/update-user-role";
import { ZUserRolePatch } from "@/lib/http/request-schemas";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ userId: string }> };

/** PATCH /api/admin/users/:id { role } — changes a role (admin; not the last admin). */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  await requireRole("admin");
  const { userId } = await params;
  const { role } = ZUserRolePatch.parse(await readJsonBody(request, 4 * 1024));
  const user = await updateUserRole(userId, role);
  await recordAudit({ action: "user.role", targetType: "user", targetId: user.id, details: { email: user.email, role: user.role } });
  return ok(user);
});

/** DELETE /api/admin/users/:id — deletes an account with its sessions and tokens (admin). */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  const actor = await requireRole("admin");
  const { userId } = await params;
  const user = await deleteUser(userId, actor.id);
  await recordAudit({ action: "user.delete", targetType: "user", targetId: user.id, details: { email: user.email } });
  return ok(user);
});
