import { z } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { normaliseStatus, parseObservationValue } from "./observation-value";
import type { ZSecondsInput } from "./report.schema";

export interface TObservationValueFields {
  secondsMin: number | null;
  secondsMax: number | null;
  status: string | null;
}

/** seconds | status | value (free text) → the stored columns; exactly one of seconds or status is set. */
export function observationValueFields(input: {
  seconds?: z.infer<typeof ZSecondsInput>;
  status?: string;
  value?: string;
}): TObservationValueFields | undefined {
  if (input.status !== undefined) return { secondsMin: null, secondsMax: null, status: normaliseStatus(input.status) };
  if (input.value !== undefined) {
    const v = parseObservationValue(input.value);
    if (!v) return undefined;
    return v.kind === "seconds"
      ? { secondsMin: v.secondsMin, secondsMax: v.secondsMax, status: null }
      : { secondsMin: null, secondsMax: null, status: v.status };
  }
  const s = input.seconds;
  if (s === undefined) return undefined;
  if (typeof s === "number") return { secondsMin: s, secondsMax: s, status: null };
  if (Array.isArray(s)) return range(s[0], s[1]);
  if (typeof s === "object") return range(s.min, s.max);
  const v = parseObservationValue(s);
  if (!v || v.kind !== "seconds") {
    throw new AppError(AppErrorCode.INVALID_INPUT, `seconds must look like "2-5" or "3", got "${s}".`, [
      { path: "seconds", message: 'Write seconds as a range ("2-5") or one number ("3"); use status for words like 正常.' },
    ]);
  }
  return { secondsMin: v.secondsMin, secondsMax: v.secondsMax, status: null };
}

function range(a: number, b: number): TObservationValueFields {
  return { secondsMin: Math.min(a, b), secondsMax: Math.max(a, b), status: null };
}
