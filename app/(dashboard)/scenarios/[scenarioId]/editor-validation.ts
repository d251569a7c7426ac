import { type TScenario, type TScenarioIssue, ZLoad, validateScenario } from "@/lib/engine/scenario";
import { type TEditorState, type TEditorStep, type TLoadDraft, type TRaw, type TStepTree } from "./editor-state.types";
import { childLists } from "./editor-from-document";
import { loadTo, toDocument } from "./editor-to-document";

// Validation

export interface TEditorValidation {
  document: TRaw;
  /** Local problems first, then the schema's. */
  errors: TScenarioIssue[];
  warnings: TScenarioIssue[];
  /** The validated scenario (defaults filled) when there is no error. */
  scenario: TScenario | null;
}

/** Validate the state with the engine's own schema (validateScenario). */
export function validateEditorState(state: TEditorState): TEditorValidation {
  const { document, localIssues } = toDocument(state);
  const result = validateScenario(document);
  if (result.ok && localIssues.length === 0) return { document, errors: [], warnings: result.warnings, scenario: result.scenario };
  return {
    document,
    errors: [...localIssues, ...(result.ok ? [] : result.errors)],
    warnings: result.ok ? result.warnings : warningsOfState(state),
    scenario: null,
  };
}

/** The rendezvous-in-transaction warning even while the scenario has errors elsewhere. */
export function warningsOfState(state: TStepTree): TScenarioIssue[] {
  const out: TScenarioIssue[] = [];
  const visit = (steps: TEditorStep[], base: string, txn: string | null) =>
    steps.forEach((s, i) => {
      const path = `${base}.${i}`;
      if (s.kind === "rendezvous" && txn !== null)
        out.push({ path, message: `rendezvous "${s.rendezvous.name}" is inside transaction "${txn}": put it before the transaction.` });
      const inner = s.kind === "transaction" ? s.transaction.name : txn;
      for (const [key, list] of childLists(s)) visit(list, `${path}.${key}`, inner);
    });
  if (state.init) visit(state.init, "init", null);
  visit(state.steps, "steps", null);
  if (state.end) visit(state.end, "end", null);
  return out;
}

/** The load section alone, validated, for the chart (which must not wait for valid steps). */
export function validLoad(state: TEditorState): TScenario["load"] | null {
  const parsed = ZLoad.safeParse(loadTo(state.load));
  return parsed.success ? parsed.data : null;
}

/** Issues grouped by their dotted path. */
export function issuesByPath(issues: readonly TScenarioIssue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const i of issues) map.set(i.path, [...(map.get(i.path) ?? []), i.message]);
  return map;
}

/** Switch the load model, carrying VUs and duration over so the user does not retype them. */
export function setLoadModel(load: TLoadDraft, model: "closed" | "open"): TLoadDraft {
  if (load.model === model) return load;
  if (model === "open")
    return {
      ...load,
      model,
      maxVus: load.maxVus || load.vus,
      openDuration: load.openDuration || load.duration,
      perSecond: load.perSecond || "1",
      vus: "",
      duration: "",
      iterations: "",
    };
  return { ...load, model, vus: load.vus || load.maxVus, duration: load.duration || load.openDuration };
}
