/**
 * Something that happened during a run that its reader must be told (the worker stores it as a
 * `RunEvent` row; the CLI prints it). `code` is stable: the run page renders the text from the code
 * and `details` in the reader's language; `message` is the English text.
 */
export interface TRunEvent {
  level: "info" | "warning" | "error";
  /** e.g. `rendezvous_unreachable`. */
  code: string;
  message: string;
  details?: Record<string, string | number | boolean | null>;
}
