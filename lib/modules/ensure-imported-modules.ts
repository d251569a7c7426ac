import type { Prisma } from "@/lib/db/client";
import { MODULE_NAME_MAX } from "./module.schema";

/**
 * Creates a Module row for each module name an import brought (thread groups of a JTL, modules of a
 * pasted summariser log) that has none yet, so imported modules appear under Modules like the ones
 * made by hand. Idempotent (existing names are left alone, also under concurrent imports: unique
 * name + skipDuplicates); runs inside the import's transaction, so a failed import adds none.
 * Names a user could not have typed (empty, over the length limit) are skipped.
 */
export async function ensureImportedModules(tx: Prisma.TransactionClient, names: Iterable<string>): Promise<number> {
  const valid = [...new Set([...names].map((n) => n.trim()))].filter((n) => n.length > 0 && n.length <= MODULE_NAME_MAX);
  if (valid.length === 0) return 0;
  const { count } = await tx.module.createMany({ data: valid.map((name) => ({ name })), skipDuplicates: true });
  return count;
}
