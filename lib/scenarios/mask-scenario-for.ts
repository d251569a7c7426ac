import type { TActor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { maskSecrets } from "@/lib/security/mask-secrets";
import type { TScenarioListItem, TScenarioRecord } from "./scenario.schema";

/**
 * Who reads a scenario as stored, secrets included: those who may edit it (tester and up, by a
 * session or by an API token of such a user), so an API client can read, change and save back.
 * Everyone else — viewers, a request with no known actor — reads it masked
 * (lib/security/mask-secrets: credential headers, password fields, `user:password@` URLs, secret
 * `__P` defaults, inline files). INVARIANT: the default is masked; only a known editor sees more.
 */
export function canReadScenarioSecrets(actor: Pick<TActor, "role"> | null | undefined): boolean {
  return !!actor && hasRole(actor.role, "tester");
}

/** One scenario as `actor` may read it. */
export function scenarioRecordFor(record: TScenarioRecord, actor: Pick<TActor, "role"> | null | undefined): TScenarioRecord {
  if (canReadScenarioSecrets(actor)) return record;
  return { ...record, definition: maskSecrets(record.definition) };
}

/** Scenario list rows as `actor` may read them. */
export function scenarioListFor(items: TScenarioListItem[], actor: Pick<TActor, "role"> | null | undefined): TScenarioListItem[] {
  return canReadScenarioSecrets(actor) ? items : maskScenarioList(items);
}

/** List rows with their base URLs masked (a base URL may carry `user:password@` or a secret `__P` default). */
export function maskScenarioList(items: TScenarioListItem[]): TScenarioListItem[] {
  return items.map((item) => ({ ...item, baseUrl: maskSecrets(item.baseUrl) }));
}
