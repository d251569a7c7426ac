/**
 * The set-up engine tests share: one local target per file (or per `describe`, where this is
 * called), its log and bodies emptied before each test, and scenarios written in YAML with
 * `TARGET` standing for the target's URL, run in this thread (workers: 0) so a test reads what
 * the target received right after `run` resolves.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { TRunSummary } from "../metrics/types";
import { runLoad, type TRunLoadOptions } from "../run-load";
import { parseScenario, type TScenario } from "../scenario";
import { startTarget, type TTarget } from "./target";

export interface TTargetRuns {
  /** The running target (set once the `beforeAll` hook has run). */
  readonly target: TTarget;
  /** A scenario from YAML, `TARGET` replaced by the target's URL; throws on validation errors. */
  scenario(yaml: string): TScenario;
  /** Run one scenario (YAML or parsed) to its end; its summary. */
  run(s: TScenario | string, options?: Partial<TRunLoadOptions>): Promise<TRunSummary>;
  /** Paths the target received since the test began, in order. */
  paths(): string[];
}

/** Registers the hooks in the calling scope (a file or a `describe`). */
export function setUpTargetRuns(): TTargetRuns {
  let target: TTarget | undefined;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target?.close();
  });
  beforeEach(() => {
    target!.log.length = 0;
    target!.bodies.length = 0;
  });
  const runs: TTargetRuns = {
    get target() {
      if (!target) throw new Error("the target starts in beforeAll: use it inside a test");
      return target;
    },
    scenario(yaml) {
      const r = parseScenario(yaml.replaceAll("TARGET", runs.target.url), "yaml");
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.scenario;
    },
    async run(s, options = {}) {
      const scenario = typeof s === "string" ? runs.scenario(s) : s;
      return (await runLoad({ scenarios: [scenario], workers: 0, ...options }).done).summary;
    },
    paths: () => runs.target.log.map((l) => l.url),
  };
  return runs;
}

export interface TTwoTargets {
  /** The first target (`TARGET` in YAML) and a second one on another port (`OTHER`): two origins. */
  readonly target: TTarget;
  readonly other: TTarget;
  /** A scenario from YAML with `TARGET` and `OTHER` replaced; throws on validation errors. */
  scenario(yaml: string): TScenario;
}

/**
 * Two local targets for the calling scope (redirects, cross-origin and connect-check tests). Their
 * logs are kept across tests, as those tests read them.
 */
export function setUpTwoTargets(): TTwoTargets {
  let target: TTarget | undefined;
  let other: TTarget | undefined;
  beforeAll(async () => {
    target = await startTarget();
    other = await startTarget();
  });
  afterAll(async () => {
    await target?.close();
    await other?.close();
  });
  const started = (t: TTarget | undefined): TTarget => {
    if (!t) throw new Error("the targets start in beforeAll: use them inside a test");
    return t;
  };
  const targets: TTwoTargets = {
    get target() {
      return started(target);
    },
    get other() {
      return started(other);
    },
    scenario(yaml) {
      const r = parseScenario(yaml.replaceAll("OTHER", targets.other.url).replaceAll("TARGET", targets.target.url), "yaml");
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.scenario;
    },
  };
  return targets;
}
