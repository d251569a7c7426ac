import { z } from "zod";

/** Roles, weakest first. admin: users, settings, allow-list · tester: create/run/import/report · viewer: read only. */
export const ROLES = ["viewer", "tester", "admin"] as const;
export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

const RANK: Record<TRole, number> = { viewer: 0, tester: 1, admin: 2 };

/** Whether `role` is at least `minimum` (admin ⊇ tester ⊇ viewer). */
export function hasRole(role: TRole, minimum: TRole): boolean {
  return RANK[role] >= RANK[minimum];
}

export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
