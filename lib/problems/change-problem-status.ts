import { ZProblemStatus } from "./problem.schema";
import type { TProblemRow } from "./problem.types";
import { updateProblem } from "./update-problem";

/** Moves a problem to a status (open → in progress → resolved / won't fix), with a note for the history. */
export async function changeProblemStatus(id: string, status: unknown, note?: string, author?: string): Promise<TProblemRow> {
  return updateProblem(id, { status: ZProblemStatus.parse(status), note: note || undefined }, author);
}
