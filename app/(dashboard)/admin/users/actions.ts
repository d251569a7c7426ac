"use server";

import type { TActionResult } from "@/app/_lib/action-result";
import { apiAction } from "@/app/_lib/api-action";
import { addUser } from "@/lib/auth/create-user";
import { deleteUser } from "@/lib/auth/delete-user";
import { requireRole } from "@/lib/auth/require-role";
import { updateUserRole } from "@/lib/auth/update-user-role";
import type { TUserRow } from "@/lib/auth/user.schema";
import { ZUserRolePatch } from "@/lib/http/request-schemas";

/** Admin → Users, as POST / PATCH / DELETE /api/admin/users[/:id] do it: admin only, audited in lib. */

type TUserItem = Omit<TUserRow, "createdAt"> & { createdAt: string };
const toItem = (user: TUserRow): TUserItem => ({ ...user, createdAt: user.createdAt.toISOString() });
const PATHS = ["/admin/users"];

/** { email, name, password, role } */
export async function createUserAction(input: unknown): Promise<TActionResult<TUserItem>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    return toItem(await addUser(input));
  });
}

/** { role }; not the last admin. */
export async function updateUserRoleAction(userId: string, input: unknown): Promise<TActionResult<TUserItem>> {
  return apiAction(PATHS, async () => {
    await requireRole("admin");
    const { role } = ZUserRolePatch.parse(input);
    return toItem(await updateUserRole(String(userId), role));
  });
}

/** With the user's sessions and tokens; not yourself, not the last admin. */
export async function deleteUserAction(userId: string): Promise<TActionResult<{ id: string; email: string }>> {
  return apiAction(PATHS, async () => {
    const actor = await requireRole("admin");
    return deleteUser(String(userId), actor.id);
  });
}
