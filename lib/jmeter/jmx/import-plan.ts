/**
 * Plan-wide steps of the JMX import: Synchronizing Timer names across thread groups, Module
 * Controller targets, and the coverage of the plan's enabled HTTP samplers.
 */
import { enabledDescendants, SAMPLERS_HTTP, type TCtx, type TSamplerOutcome } from "./import-context";
import type { TJmxElement } from "./jmx-tree";
import type { TJmxCoverage } from "./import-jmx";
import { jmxReason, jmxReasonFields, type TJmxReason } from "./jmx-reason-codes";

type Report = (e: TJmxElement, reason: TJmxReason) => void;

/**
 * Synchronizing Timers of one name in several thread groups: one shared point when their
 * settings are identical, else a point per thread group named "<timer> (<thread group>)".
 * Reported either way, because JMeter's timers never wait across thread groups.
 */
export function nameRendezvousPoints(groups: { tg: TJmxElement; items: TCtx["rendezvous"] }[], approx: Report): void {
  const byName = new Map<string, { tg: TJmxElement; item: TCtx["rendezvous"][number] }[]>();
  for (const g of groups)
    for (const item of g.items) byName.set(item.step.name, [...(byName.get(item.step.name) ?? []), { tg: g.tg, item }]);
  for (const [name, uses] of byName) {
    const tgs = [...new Set(uses.map((u) => u.tg))];
    if (tgs.length < 2) continue;
    const bySettings = new Map<string, typeof uses>();
    for (const u of uses) {
      const key = JSON.stringify([u.item.step.policy, u.item.step.timeoutSeconds]);
      bySettings.set(key, [...(bySettings.get(key) ?? []), u]);
    }
    for (const group of bySettings.values()) {
      const names = [...new Set(group.map((u) => u.tg.testname))];
      const point = bySettings.size === 1 ? name : `${name} (${names.join(", ")})`;
      for (const u of group) {
        u.item.step.name = point;
        approx(
          u.item.timer,
          bySettings.size === 1
            ? jmxReason("sync_shared", { name, groups: tgs.length })
            : names.length > 1
              ? jmxReason("sync_split_shared", { name, groups: tgs.length, names: names.join(", "), point })
              : jmxReason("sync_split_own", { name, groups: tgs.length, point }),
        );
      }
    }
  }
}

/** Module Controller paths: the element whose chain of names ends the node path. */
export function nodeFinder(plan: TJmxElement): TCtx["findNode"] {
  const all: { names: string[]; e: TJmxElement }[] = [];
  const visit = (e: TJmxElement, names: string[]) => {
    all.push({ names, e });
    for (const c of e.children) visit(c, [...names, c.testname]);
  };
  for (const c of plan.children) visit(c, [c.testname]);
  return (path) => {
    if (path.length === 0) return undefined;
    let best: { n: number; e: TJmxElement } | undefined;
    for (const { names, e } of all) {
      if (names.length > path.length) continue;
      const tail = path.slice(path.length - names.length);
      if (tail.every((x, i) => x === names[i]) && (!best || names.length > best.n)) best = { n: names.length, e };
    }
    return best?.e;
  };
}

/** Enabled HTTP samplers JMeter would run (enabled thread groups, enabled ancestors), and what became of them. */
export function coverageOf(
  threadGroups: TJmxElement[],
  usable: Set<TJmxElement>,
  outcomes: Map<TJmxElement, TSamplerOutcome>,
): TJmxCoverage {
  const samplers = new Set<TJmxElement>();
  for (const tg of threadGroups)
    if (tg.enabled) for (const e of enabledDescendants(tg.children)) if (SAMPLERS_HTTP.has(e.testclass)) samplers.add(e);
  for (const e of outcomes.keys()) samplers.add(e); // samplers of Test Fragments reached through Module Controllers
  const notUsable: TJmxCoverage["notUsable"] = [];
  for (const e of samplers)
    if (!usable.has(e))
      notUsable.push({
        path: e.path,
        line: e.line,
        ...jmxReasonFields(
          outcomes.get(e)?.why ?? (outcomes.has(e) ? jmxReason("tg_invalid", {}) : jmxReason("not_imported_see_report", {})),
        ),
      });
  return { samplers: samplers.size, usable: samplers.size - notUsable.length, notUsable };
}
