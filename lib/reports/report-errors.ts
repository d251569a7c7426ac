import { AppError, AppErrorCode } from "@/lib/errors";

export function reportNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Report ${id} not found.`);
}

export function observationNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Observation ${id} not found.`);
}

export function slowRowNotFound(id: string): AppError {
  return new AppError(AppErrorCode.NOT_FOUND, `Slow-list row ${id} not found.`);
}

/** Unknown run ids → 400 with one issue per id, so an API client sees which ones. */
export function unknownRuns(ids: string[], all: string[]): AppError {
  return new AppError(
    AppErrorCode.INVALID_INPUT,
    `Unknown run${ids.length === 1 ? "" : "s"}: ${ids.join(", ")}.`,
    ids.map((id) => ({ path: `runIds.${all.indexOf(id)}`, message: `Run ${id} not found.` })),
  );
}

/** YYYY-MM-DD of a @db.Date value (stored at UTC midnight). */
export function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function fromDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
