/**
 * Conditions of `if`, `loop.while` (and imported JMeter If/While controllers): a small safe parser,
 * never eval. STUB — the grammar and implementation are being written; signatures are the contract.
 */
import type { TVars } from "./template";

/** A compiled condition: true or false for a VU's variables. */
export type TCondition = (vars: TVars) => boolean;

/** Compile a condition; throws an Error whose message says what is wrong and where. */
export function compileCondition(text: string): TCondition {
  throw new Error(`conditions are not implemented yet: ${text}`);
}

/** The problem with a condition, or null when it parses. */
export function conditionProblem(text: string): string | null {
  try {
    compileCondition(text);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
