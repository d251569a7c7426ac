import { prisma } from "../db/client";

/** Replaces a failed import's error text (e.g. with the size-limit message when the body was cut). */
export async function setImportError(importId: string, error: string): Promise<void> {
  await prisma.import.update({ where: { id: importId }, data: { error } });
}
