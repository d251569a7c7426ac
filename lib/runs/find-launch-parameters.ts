/**
 * The launch parameters of the scenarios about to be launched (the launch dialog's "Parameters"):
 * their variables and `${__P(…)}` names with defaults, required ones first. Unknown ids are left
 * out (the launch itself reports them). Secret-looking defaults, and passwords inside URLs, are
 * masked, as everywhere the UI shows scenario values.
 */
import { prisma } from "@/lib/db/client";
import { MASK, maskSecrets } from "@/lib/security/mask-secrets";
import { launchParametersOf, type TLaunchParameter, type TLaunchValue } from "./launch-parameters";

export async function findLaunchParameters(scenarioIds: readonly string[]): Promise<TLaunchParameter[]> {
  const ids = [...new Set(scenarioIds.map(String))].slice(0, 50);
  if (ids.length === 0) return [];
  const rows = await prisma.scenario.findMany({ where: { id: { in: ids } }, select: { definition: true } });
  const definitions = rows.map((r) => r.definition as { name?: string; variables?: Record<string, TLaunchValue> });
  return launchParametersOf(definitions).map((p) => {
    if (!p.defaultValue) return p;
    if (p.isSecret) return { ...p, defaultValue: MASK };
    // A plain name may still hold a credential (`http://user:password@…`): masked, and a password
    // box like any secret, so the masked default is never sent back as a launch value.
    const shown = maskSecrets(p.defaultValue);
    return shown === p.defaultValue ? p : { ...p, defaultValue: shown, isSecret: true };
  });
}
