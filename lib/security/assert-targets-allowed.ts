import { AppError, AppErrorCode } from "../errors";
import {
  checkScenarioTargets,
  checkScenarioTargetsResolved,
  type TScenarioTargets,
  type TTargetCheck,
  type TTargetContext,
} from "./check-scenario-targets";
import { getTargetAllowList } from "./get-target-allow-list";
import type { TTargetAllowList } from "./target-allow-list";

function refuse(check: TTargetCheck, prefix = ""): never {
  throw new AppError(
    AppErrorCode.INVALID_INPUT,
    check.message ?? "A target is not on the target allow-list.",
    check.refused.map((r) => ({ path: `${prefix}${r.path}`, message: r.message })),
  );
}

/**
 * Save time (scenario create/update, import): every literal target of the document must be on the
 * allow-list, else AppError(INVALID_INPUT) naming the host and how to allow it (no DNS here).
 */
export async function assertScenarioTargetsAllowed(definition: TScenarioTargets, list?: TTargetAllowList): Promise<void> {
  const check = checkScenarioTargets(definition, list ?? (await getTargetAllowList()));
  if (!check.ok) refuse(check);
}

/**
 * Launch / run time (enqueue, and the worker before it starts the engine): as above, with the
 * launch parameters (and the worker's `__env` values) filled into templated targets, a base URL
 * whose host still has no value refused, and every name resolved to allowed addresses only.
 * Issues are prefixed `scenarios.<i>.`.
 */
export async function assertRunTargetsAllowed(
  definitions: TScenarioTargets[],
  list?: TTargetAllowList,
  context: Omit<TTargetContext, "atLaunch"> = {},
): Promise<void> {
  const allowList = list ?? (await getTargetAllowList());
  for (const [i, definition] of definitions.entries()) {
    const check = await checkScenarioTargetsResolved(definition, allowList, undefined, { ...context, atLaunch: true });
    if (!check.ok) refuse(check, definitions.length > 1 ? `scenarios.${i}.` : "");
  }
}
