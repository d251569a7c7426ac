"use server";

import type { TActionResult } from "@/app/_lib/action-result";
import { findLaunchParameters } from "@/lib/runs/find-launch-parameters";
import type { TLaunchParameter } from "@/lib/runs/launch-parameters";

/** The launch dialog's parameters for these scenarios (one lib call, nothing written). */
export async function launchParametersAction(scenarioIds: string[]): Promise<TActionResult<TLaunchParameter[]>> {
  try {
    return { data: await findLaunchParameters(Array.isArray(scenarioIds) ? scenarioIds.map(String) : []) };
  } catch (error) {
    console.error("[scenarios] reading launch parameters failed", error);
    return { error: "launch parameters could not be read", issues: [] };
  }
}
