import { ZProblemNoteInput } from "./problem.schema";
import type { TProblemRow } from "./problem.types";
import { updateProblem } from "./update-problem";

/** Adds a dated note to a problem's history, optionally moving its status at the same time. */
export async function addProblemNote(id: string, input: unknown, author?: string): Promise<TProblemRow> {
  const data = ZProblemNoteInput.parse(input);
  return updateProblem(id, { note: data.body, status: data.status, author: data.author }, author);
}
