/**
 * Every item of a JMX import report says its reason by code, and the codes' English is exactly the
 * `reason` the API and the tests read: over the whole corpus (fixtures/*.jmx), no item is left in
 * English only (the imports page could not word it in zh-CN). The messages themselves are checked
 * with every other catalogue in lib/i18n/coded-messages.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importJmx } from "./import-jmx";
import { JMX_REASONS, JMX_SETTINGS, jmxReasonEnglish, settingKey } from "./jmx-reason-codes";

const dir = path.join(import.meta.dirname, "fixtures");
const plans = readdirSync(dir).filter((f) => f.endsWith(".jmx"));

describe("JMX report reasons by code", () => {
  it("the corpus has plans to check", () => {
    expect(plans.length).toBeGreaterThan(10);
  });

  it("every skipped, approximated, not usable and not imported item has parts whose English is its reason", () => {
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const f of plans) {
      const { report } = importJmx(readFileSync(path.join(dir, f), "utf8"));
      const items = [...report.skipped, ...report.approximated, ...(report.coverage?.notUsable ?? []), ...(report.notImported ?? [])] as {
        path: string;
        reason: string;
        parts?: { code: string; params: Record<string, string | number> }[];
      }[];
      for (const i of items) {
        if (!i.parts?.length) problems.push(`${f} ${i.path}: no parts for "${i.reason}"`);
        else if (jmxReasonEnglish(i.parts) !== i.reason) problems.push(`${f} ${i.path}: "${jmxReasonEnglish(i.parts)}" ≠ "${i.reason}"`);
        for (const p of i.parts ?? []) {
          if (!Object.hasOwn(JMX_REASONS, p.code)) problems.push(`${f}: unknown code ${p.code}`);
          seen.add(p.code);
        }
      }
    }
    expect(problems).toEqual([]);
    // The corpus reaches a good share of the codes (the rest have their own unit tests' plans).
    expect(seen.size).toBeGreaterThan(40);
  });

  it("a setting is carried by key and worded back in English", () => {
    expect(settingKey("ramp-up time")).toBe("ramp_up_time");
    expect(JMX_SETTINGS.ramp_up_time).toBe("ramp-up time");
    expect(settingKey("something new")).toBe("something new");
    expect(jmxReasonEnglish({ code: "seconds_capped", params: { what: "ramp_up_time", seconds: 40_000_000 } })).toBe(
      "the ramp-up time of 40000000 s is longer than the 366 days a scenario accepts: set to 366 days",
    );
  });
});
