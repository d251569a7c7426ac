/**
 * Paths into the editor's step lists (init, steps, end and every container's child lists) and the
 * operations on them, as pure functions. A path reads like the schema's issue paths
 * (`steps.2.if.else.0`), so an issue points at the step it is about with no translation table.
 *
 * Every operation returns a new tree; untouched branches are shared (cheap re-renders).
 */
import { childLists, newId, type TEditorStep, type TStepPath, type TStepTree } from "./editor-state";

export type TRootList = "init" | "steps" | "end";
const ROOTS: readonly string[] = ["init", "steps", "end"];

/** A child list key of a container step: "loop.steps", "if.else", "choose.1.steps"… */
const LIST_KEY = String.raw`(?:transaction\.steps|loop\.steps|forEach\.steps|if\.then|if\.else|choose\.\d+\.steps)`;
const ISSUE_STEP_RE = new RegExp(String.raw`^(init|steps|end)\.(\d+)((?:\.${LIST_KEY}\.\d+)*)`);
const NESTED_RE = new RegExp(String.raw`\.(${LIST_KEY})\.(\d+)`, "g");

/** Dotted path of a step or list: ["steps", 2, "loop.steps", 0] → "steps.2.loop.steps.0". */
export function stepPathString(path: TStepPath): string {
  return path.join(".");
}

/** The step an issue path points into (deepest), or null for scenario-level paths. */
export function stepPathOfIssue(issuePath: string): (string | number)[] | null {
  const m = ISSUE_STEP_RE.exec(issuePath);
  if (!m || m[1] === undefined) return null;
  const out: (string | number)[] = [m[1], Number(m[2])];
  for (const x of (m[3] ?? "").matchAll(NESTED_RE)) out.push(x[1] as string, Number(x[2]));
  return out;
}

/** The id of the step an issue points into (to scroll to it), or null. */
export function stepIdOfIssue(tree: TStepTree, issuePath: string): string | null {
  const path = stepPathOfIssue(issuePath);
  return path ? (getStep(tree, path)?.id ?? null) : null;
}

/** The child list `key` of a container step (an absent else reads as empty), or undefined. */
function childList(step: TEditorStep | undefined, key: string): TEditorStep[] | undefined {
  if (!step) return undefined;
  if (key === "if.else" && step.kind === "if") return step.if.else ?? [];
  return childLists(step).find(([k]) => k === key)?.[1];
}

/** The step with its child list `key` replaced (null: an else branch taken away; other lists become empty). */
function withChildList(step: TEditorStep, key: string, list: TEditorStep[] | null): TEditorStep {
  const steps = list ?? [];
  switch (step.kind) {
    case "transaction":
      return { ...step, transaction: { ...step.transaction, steps } };
    case "loop":
      return { ...step, loop: { ...step.loop, steps } };
    case "forEach":
      return { ...step, forEach: { ...step.forEach, steps } };
    case "if":
      return key === "if.else" ? { ...step, if: { ...step.if, else: list } } : { ...step, if: { ...step.if, then: steps } };
    case "choose": {
      const i = Number(key.split(".")[1]);
      return { ...step, choose: step.choose.map((b, j) => (j === i ? { ...b, steps } : b)) };
    }
    default:
      throw new Error(`a ${step.kind} step has no step list`);
  }
}

/** Lists that may be absent: init, end and an else branch (emptied by removing: absent again). */
function isOptionalList(listPath: TStepPath): boolean {
  return (listPath.length === 1 && listPath[0] !== "steps") || listPath.at(-1) === "if.else";
}

export function getList(tree: TStepTree, listPath: TStepPath): TEditorStep[] | undefined {
  const [root, ...rest] = listPath;
  if (typeof root !== "string" || !ROOTS.includes(root)) return undefined;
  let list: TEditorStep[] | undefined = tree[root as TRootList] ?? [];
  for (let i = 0; i < rest.length && list; i += 2) list = childList(list[rest[i] as number], rest[i + 1] as string);
  return list;
}

export function getStep(tree: TStepTree, path: TStepPath): TEditorStep | undefined {
  const index = path.at(-1);
  if (typeof index !== "number") return undefined;
  return getList(tree, path.slice(0, -1))?.[index];
}

type TListFn = (list: TEditorStep[]) => TEditorStep[] | null;

function updateIn(list: TEditorStep[], rest: readonly (string | number)[], fn: TListFn): TEditorStep[] | null {
  if (rest.length === 0) return fn(list);
  const [index, key, ...more] = rest as [number, string, ...(string | number)[]];
  const step = list[index];
  const inner = childList(step, key);
  if (!step || !inner) throw new Error(`no step list at ${key}`);
  const next = updateIn(inner, more, fn);
  if (next === inner) return list; // nothing changed: keep identity
  return list.map((x, i) => (i === index ? withChildList(step, key, next) : x));
}

/** Replace the list at `listPath` with `fn(list)` (null: absent, where a list may be). */
export function updateList<T extends TStepTree>(tree: T, listPath: TStepPath, fn: TListFn): T {
  const [root, ...rest] = listPath;
  if (typeof root !== "string" || !ROOTS.includes(root)) throw new Error(`not a step list: ${stepPathString(listPath)}`);
  const current = tree[root as TRootList];
  const list = current ?? [];
  const next = updateIn(list, rest, fn);
  if (next === list) return tree;
  return { ...tree, [root]: next === null && root === "steps" ? [] : next };
}

function split(path: TStepPath): [TStepPath, number] {
  const index = path.at(-1);
  if (typeof index !== "number") throw new Error(`not a step path: ${stepPathString(path)}`);
  return [path.slice(0, -1), index];
}

/** Apply `fn` to the step at `path`. */
export function updateStep<T extends TStepTree>(tree: T, path: TStepPath, fn: (step: TEditorStep) => TEditorStep): T {
  const [parent, index] = split(path);
  return updateList(tree, parent, (list) => list.map((s, i) => (i === index ? fn(s) : s)));
}

/** Insert `step` into the list at `listPath` (at `index`, default the end); returns its path too. */
export function insertStep<T extends TStepTree>(
  tree: T,
  listPath: TStepPath,
  step: TEditorStep,
  index?: number,
): { tree: T; path: (string | number)[] } {
  let at = 0;
  const next = updateList(tree, listPath, (list) => {
    at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), step, ...list.slice(at)];
  });
  return { tree: next, path: [...listPath, at] };
}

/** Remove the step; init, end and else lists left empty become absent again. */
export function removeStep<T extends TStepTree>(tree: T, path: TStepPath): T {
  const [parent, index] = split(path);
  return updateList(tree, parent, (list) => {
    const rest = list.filter((_, i) => i !== index);
    return rest.length === 0 && isOptionalList(parent) ? null : rest;
  });
}

/** A copy of the step (new ids all the way down) right after it. */
export function duplicateStep<T extends TStepTree>(tree: T, path: TStepPath): T {
  const step = getStep(tree, path);
  if (!step) return tree;
  const [parent, index] = split(path);
  return insertStep(tree, parent, cloneStep(step), index + 1).tree;
}

export function cloneStep(step: TEditorStep): TEditorStep {
  const copy = structuredClone(step);
  const renew = (s: TEditorStep) => {
    s.id = newId();
    if (s.kind === "choose") for (const b of s.choose) b.id = newId();
    for (const [, list] of childLists(s)) list.forEach(renew);
  };
  renew(copy);
  return copy;
}

/** Swap with the previous (-1) or next (+1) sibling; unchanged at either end. */
export function moveStep<T extends TStepTree>(tree: T, path: TStepPath, direction: -1 | 1): T {
  const [parent, index] = split(path);
  return updateList(tree, parent, (list) => {
    const target = index + direction;
    if (target < 0 || target >= list.length) return list;
    const next = [...list];
    [next[index], next[target]] = [next[target] as TEditorStep, next[index] as TEditorStep];
    return next;
  });
}

export interface TNestTarget {
  /** The container's step path. */
  containerPath: (string | number)[];
  /** The list the step goes into: the container's first (then, the first branch). */
  listPath: (string | number)[];
  container: TEditorStep;
  position: "first" | "last";
}

/**
 * Where "move into" puts a step: the next sibling container (as its first step — a rendezvous
 * right before a transaction moves in at its start), else the previous one (as its last).
 */
export function nestTarget(tree: TStepTree, path: TStepPath): TNestTarget | null {
  const [parent, index] = split(path);
  const siblings = getList(tree, parent) ?? [];
  for (const [at, position] of [
    [index + 1, "first"],
    [index - 1, "last"],
  ] as const) {
    const container = siblings[at];
    const first = container ? childLists(container)[0] : undefined;
    if (container && first) return { containerPath: [...parent, at], listPath: [...parent, at, first[0]], container, position };
  }
  return null;
}

/** Move the step into the adjacent container (see nestTarget); returns the new path. */
export function nestStep<T extends TStepTree>(tree: T, path: TStepPath): { tree: T; path: (string | number)[] } {
  const target = nestTarget(tree, path);
  const step = getStep(tree, path);
  if (!target || !step) return { tree, path: [...path] };
  const [parent, index] = split(path);
  const removed = removeStep(tree, path);
  // Removing a step before the container shifts the container up by one.
  const listPath = [...target.listPath];
  const at = parent.length;
  if ((listPath[at] as number) > index) listPath[at] = (listPath[at] as number) - 1;
  return insertStep(removed, listPath, step, target.position === "first" ? 0 : undefined);
}

/**
 * Move the step out of its container: before it when it was the first step, else after it (so
 * "move in" then "move out" puts a step back where it was); "before" always puts it before (the
 * fix for a rendezvous inside a transaction).
 */
export function unnestStep<T extends TStepTree>(
  tree: T,
  path: TStepPath,
  placement: "auto" | "before" = "auto",
): { tree: T; path: (string | number)[] } {
  const [parent, index] = split(path);
  const step = getStep(tree, path);
  if (parent.length === 1 || !step) return { tree, path: [...path] };
  const [grandparent, containerIndex] = split(parent.slice(0, -1));
  const removed = removeStep(tree, path);
  return insertStep(removed, grandparent, step, index === 0 || placement === "before" ? containerIndex : containerIndex + 1);
}

/** The container step around a step, or null at the top of init/steps/end. */
export function parentStep(tree: TStepTree, path: TStepPath): TEditorStep | null {
  return path.length <= 2 ? null : (getStep(tree, path.slice(0, -2)) ?? null);
}
