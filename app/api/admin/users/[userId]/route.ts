import { deleteUser } from "@/lib/auth/delete-user";
import { requireRole } from "@/lib/auth/require-role";
import { updateUserRole } from "@/lib/auth/update-user-role";
import { ZUserRolePatch } from "@/lib/http/request-schemas";
import { ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ userId: string }> };

/** PATCH /api/admin/users/:id { role } — changes a role (admin; not the last admin; audited). */
export const PATCH = withRoute<TContext>(async (request, { params }) => {
  await requireRole("admin");
  const { userId } = await params;
  const { role } = ZUserRolePatch.parse(await readJsonBody(request, 4 * 1024));
  return ok(await updateUserRole(userId, role));
});

/** DELETE /api/admin/users/:id — deletes an account with its sessions and tokens (admin, audited). */
export const DELETE = withRoute<TContext>(async (_request, { params }) => {
  const actor = await requireRole("admin");
  const { userId } = await params;
  return ok(await deleteUser(userId, actor.id));
});
