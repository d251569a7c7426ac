/**
 * A thread group's load: threads, ramp-up, loops and scheduler of JMeter's Thread Group (and of
 * setUp/tearDown), or the schedule of the common plugin thread groups → the scenario's closed model.
 */
import type { TScenarioInput } from "../../engine/scenario";
import { collectionProp, elementProp, prop, type TJmxElement } from "./jmx-tree";
import type { TCtx } from "./import-context";
import { cappedSeconds } from "./import-seconds";
import { jmxReason } from "./jmx-reason-codes";

/**
 * Plugin thread groups people use most (jmeter-plugins): Concurrency Thread Group (target level,
 * ramp-up, hold, in minutes or seconds) and Ultimate Thread Group (rows of threads, initial delay,
 * startup, hold, shutdown) → a closed-model load over the same time span, reported.
 */
function pluginLoadOf(tg: TJmxElement, ctx: TCtx): TScenarioInput["load"] | undefined {
  const p = tg.props;
  if (tg.testclass.endsWith("ConcurrencyThreadGroup")) {
    const unit = prop(p, "Unit") === "M" ? 60 : 1;
    const vus = ctx.num(tg, prop(p, "TargetLevel"), "target concurrency") ?? 1;
    const ramp = (ctx.num(tg, prop(p, "RampUp"), "ramp-up time") ?? 0) * unit;
    const hold = (ctx.num(tg, prop(p, "Hold"), "hold time") ?? 0) * unit;
    if ((ctx.num(tg, prop(p, "Steps"), "ramp-up steps") ?? 0) > 1) ctx.approx(tg, jmxReason("ramp_steps", {}));
    const iterations = ctx.num(tg, prop(p, "Iterations"), "iterations");
    return {
      vus: Math.min(100_000, Math.max(1, Math.round(vus))),
      rampUpSeconds: cappedSeconds(ctx, tg, ramp, "ramp-up time"),
      ...(ramp + hold > 0
        ? { durationSeconds: cappedSeconds(ctx, tg, ramp + hold, "ramp-up and hold time") }
        : iterations
          ? { iterations: Math.max(1, Math.round(iterations)) }
          : { durationSeconds: 600 }),
    };
  }
  if (tg.testclass.endsWith("UltimateThreadGroup")) {
    const rows = (collectionProp(p, "ultimatethreadgroupdata") ?? []).flatMap((r) =>
      r.kind === "collection" ? [r.items.map((x) => (x.kind === "value" ? Number(x.value) : NaN))] : [],
    );
    const ok = rows.filter((r) => r.length >= 4 && r.slice(0, 4).every((x) => Number.isFinite(x) && x >= 0));
    if (ok.length === 0) return undefined;
    const vus = ok.reduce((sum, r) => sum + (r[0] as number), 0);
    const ramp = Math.max(...ok.map((r) => (r[1] as number) + (r[2] as number)));
    const end = Math.max(...ok.map((r) => (r[1] as number) + (r[2] as number) + (r[3] as number)));
    if (ok.length > 1) ctx.approx(tg, jmxReason("schedule_rows", { rows: ok.length, vus, ramp, end }));
    return {
      vus: Math.min(100_000, Math.max(1, Math.round(vus))),
      rampUpSeconds: cappedSeconds(ctx, tg, ramp, "ramp-up time"),
      durationSeconds: cappedSeconds(ctx, tg, Math.max(1, end), "schedule"),
    };
  }
  return undefined;
}

export function loadOf(tg: TJmxElement, ctx: TCtx): TScenarioInput["load"] {
  const plugin = pluginLoadOf(tg, ctx);
  if (plugin) return plugin;
  const p = tg.props;
  const vus = ctx.num(tg, prop(p, "ThreadGroup.num_threads") ?? prop(p, "TargetLevel"), "number of threads") ?? 1;
  const ramp = ctx.num(tg, prop(p, "ThreadGroup.ramp_time"), "ramp-up period") ?? 0;
  const loopProps = elementProp(p, "ThreadGroup.main_controller")?.props ?? [];
  const loops = ctx.num(tg, prop(loopProps, "LoopController.loops"), "loop count") ?? (loopProps.length ? 1 : -1);
  const forever = loops < 0;
  const scheduler = prop(p, "ThreadGroup.scheduler") === "true";
  const duration = scheduler ? ctx.num(tg, prop(p, "ThreadGroup.duration"), "duration") : undefined;
  const delay = scheduler ? ctx.num(tg, prop(p, "ThreadGroup.delay"), "startup delay") : undefined;
  if (delay && delay > 0) ctx.approx(tg, jmxReason("startup_delay", { delay }));
  const onError = prop(p, "ThreadGroup.on_sample_error") ?? "continue";
  if (onError !== "continue") ctx.approx(tg, jmxReason("on_error", { action: onError }));
  const load: TScenarioInput["load"] = {
    vus: Math.min(100_000, Math.max(1, Math.round(vus))),
    rampUpSeconds: cappedSeconds(ctx, tg, Math.max(0, ramp), "ramp-up period"),
  };
  if (loops > 0 && !forever) load.iterations = Math.max(1, Math.round(loops));
  if (duration && duration > 0) load.durationSeconds = cappedSeconds(ctx, tg, duration, "duration");
  if (load.iterations === undefined && load.durationSeconds === undefined) {
    load.durationSeconds = 600;
    ctx.approx(tg, jmxReason("forever_600", {}));
  }
  return load;
}
