import { addUser } from "@/lib/auth/create-user";
import { findUsers } from "@/lib/auth/find-users";
import { requireRole } from "@/lib/auth/require-role";
import { created, ok, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** GET /api/admin/users — every account (admin). */
export const GET = withRoute(async () => {
  await requireRole("admin");
  return ok(await findUsers());
});

/** POST /api/admin/users { email, name, password, role } — creates an account (admin, audited). */
export const POST = withRoute(async (request) => {
  await requireRole("admin");
  return created(await addUser(await readJsonBody(request, 16 * 1024)));
});
