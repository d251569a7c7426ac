import { prisma } from "@/lib/db/client";
import type { TUserRow } from "./user.schema";

/** Every account, admins first, then by email. */
export async function findUsers(): Promise<TUserRow[]> {
  const rows = await prisma.user.findMany({
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: [{ role: "asc" }, { email: "asc" }],
  });
  return rows.map((r) => ({ ...r, name: r.name ?? r.email }));
}

export async function countUsers(): Promise<number> {
  return prisma.user.count();
}
