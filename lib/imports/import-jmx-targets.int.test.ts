/**
 * A JMX import stores scenarios, so each passes the allow-list check create and update apply: a
 * thread group aimed at a disallowed target is not created and is reported with the others that
 * did not map; the rest of the plan is still imported.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { resetDatabase } from "@/test/reset-run-db";
import { importJmxPlan } from "./import-jmx";

const PLAN = readFileSync(path.join(import.meta.dirname, "../jmeter/fixtures/plan.jmx"), "utf8");

/** plan.jmx with one sampler of the "incoming" thread group aimed at `host`. */
function planAimingIncomingAt(host: string): string {
  const start = PLAN.indexOf('testname="incoming"');
  const at = PLAN.indexOf('<stringProp name="HTTPSampler.domain"></stringProp>', start);
  expect(start).toBeGreaterThan(0);
  expect(at).toBeGreaterThan(start);
  return `${PLAN.slice(0, at)}<stringProp name="HTTPSampler.domain">${host}</stringProp>${PLAN.slice(at + '<stringProp name="HTTPSampler.domain"></stringProp>'.length)}`;
}

describe("JMX import and the target allow-list", () => {
  beforeEach(resetDatabase);

  it("imports both thread groups when every target is allowed", async () => {
    const result = await importJmxPlan({ text: planAimingIncomingAt("127.0.0.1"), fileName: "plan.jmx" });
    expect(result.scenarios.map((s) => s.name).sort()).toEqual(["Vote_Interface_Test", "incoming"]);
    expect(result.report.notImported ?? []).toEqual([]);
  });

  it("a thread group aimed at a disallowed host is not created and is reported; the other is imported", async () => {
    const result = await importJmxPlan({ text: planAimingIncomingAt("shop.invalid"), fileName: "plan.jmx" });
    expect(result.scenarios.map((s) => s.name)).toEqual(["Vote_Interface_Test"]);
    const reported = result.report.notImported ?? [];
    expect(reported.map((n) => n.threadGroup)).toEqual(["incoming"]);
    expect(reported[0]!.reason).toContain("shop.invalid");
    expect(await prisma.scenario.count()).toBe(1);
    const stored = await prisma.import.findUniqueOrThrow({ where: { id: result.importId } });
    expect(JSON.stringify(stored.report)).toContain("shop.invalid");
  });

  it("a plan whose every thread group is refused leaves a failed Import whose issues name the host", async () => {
    const text = PLAN.replace(
      '<stringProp name="HTTPSampler.domain">127.0.0.1</stringProp>',
      '<stringProp name="HTTPSampler.domain">shop.invalid</stringProp>',
    );
    expect(text).not.toBe(PLAN);
    const refused = await importJmxPlan({ text, fileName: "plan.jmx" }).catch((e: unknown) => e);
    expect(AppError.is(refused, "INVALID_INPUT"), String(refused)).toBe(true);
    expect((refused as AppError).message).toContain("incoming");
    expect((refused as AppError).issues.map((i) => i.message).join("\n")).toContain("shop.invalid");
    expect(await prisma.scenario.count()).toBe(0);
    const imp = await prisma.import.findFirstOrThrow({ where: { kind: "jmx" } });
    expect(imp.status).toBe("failed");
  });
});
