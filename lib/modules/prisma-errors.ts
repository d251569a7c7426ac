import { Prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";

/** Prisma's code for a unique constraint violation. */
const UNIQUE_VIOLATION = "P2002";
/** Prisma's code for "record to update/delete not found". */
const RECORD_NOT_FOUND = "P2025";
/** Prisma's code for a foreign key violation (e.g. a Restrict relation still referenced). */
const FOREIGN_KEY_VIOLATION = "P2003";

export function isPrismaError(error: unknown, code: string): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;
}

export const isUniqueViolation = (error: unknown) => isPrismaError(error, UNIQUE_VIOLATION);
export const isRecordNotFound = (error: unknown) => isPrismaError(error, RECORD_NOT_FOUND);
export const isForeignKeyViolation = (error: unknown) => isPrismaError(error, FOREIGN_KEY_VIOLATION);

export function moduleNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Module ${id} not found.`);
}

export function moduleNameTaken(name: string): AppError {
  return new AppError(AppErrorCode.ALREADY_EXISTS, `A module named "${name}" already exists.`, [
    { path: "name", message: `A module named "${name}" already exists.` },
  ]);
}
