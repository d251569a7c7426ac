import { MAX_SECONDS } from "../../engine/scenario";
import type { TCtx } from "./import-context";
import type { TJmxElement } from "./jmx-tree";
import { jmxReason, settingKey } from "./jmx-reason-codes";

/**
 * A time from a JMeter property, within the longest the scenario accepts (366 days): a longer one
 * becomes that limit and is reported, so one absurd value costs a note, not its thread group.
 */
export function cappedSeconds(ctx: TCtx, e: TJmxElement, seconds: number, what: string): number {
  if (seconds <= MAX_SECONDS) return seconds;
  ctx.approx(e, jmxReason("seconds_capped", { what: settingKey(what), seconds }));
  return MAX_SECONDS;
}
