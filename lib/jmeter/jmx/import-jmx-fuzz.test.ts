/**
 * "Never a 500": whatever a plan's values are, importJmx either returns valid scenarios with a
 * report or throws JmeterImportError (not a JMeter plan). Property test over the corpus plans with
 * their text values replaced by hostile ones — variables and functions that go nowhere, unbalanced
 * `${`, words where numbers belong, huge and negative numbers, URLs in host fields.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZScenario } from "../../engine/scenario";
import { JmeterImportError } from "../errors";
import { importJmx } from "./import-jmx";

const dir = path.join(import.meta.dirname, "fixtures");
const plans = readdirSync(dir)
  .filter((f) => f.endsWith(".jmx"))
  .sort()
  .map((f) => readFileSync(path.join(dir, f), "utf8"));

const HOSTILE = [
  "",
  " ",
  "${",
  "}",
  "${}",
  "${x",
  "${__P(",
  "${__P(a,",
  "${__P(host)}",
  "${__P(,)}",
  "${__Random(a,b)}",
  "${__time(QQQ,)}",
  "${__javaScript(1+)}",
  "${__V(${a}${b})}",
  "${__counter(maybe,)}",
  "${__UUID}",
  "${__threadNum}",
  "${undefinedVar}",
  "${a}${b}${c}",
  "-1",
  "0",
  "99999999999999999999",
  "1e400",
  "NaN",
  "eighty",
  "http://127.0.0.1:9/x",
  "https://",
  "://",
  "127.0.0.1:notaport",
  "/path?x=${y}",
  "\\${escaped}",
  "${__P(a\\,b,c)}",
  "a\\,b",
  '"${x}" == "y"',
  "${__jexl3(${x} >)}",
  "LAST",
  "((",
  'vars.get("x")',
  "€ ünïcode ${名前}",
  "&",
  "'",
  "\u2028",
];
const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

describe("importJmx on hostile values", () => {
  it("returns valid scenarios or throws JmeterImportError, never anything else", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: plans.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 12 }),
        (which, edits) => {
          let text = plans[which] as string;
          // Replace the text of some <stringProp> values (and a few attributes' neighbours) in place.
          const spots = [...text.matchAll(/<stringProp name="[^"]*">([^<]*)<\/stringProp>/g)];
          for (const [n, value] of edits) {
            const m = spots[n % spots.length];
            if (!m || m.index === undefined) continue;
            const start = m.index + m[0].indexOf(">") + 1;
            text = text.slice(0, start) + escapeXml(value) + text.slice(start + (m[1] as string).length);
            spots.splice(0, spots.length, ...text.matchAll(/<stringProp name="[^"]*">([^<]*)<\/stringProp>/g));
          }
          try {
            const r = importJmx(text);
            for (const s of r.scenarios) expect(ZScenario.safeParse(s).success).toBe(true);
            expect(r.report.coverage!.usable).toBeLessThanOrEqual(r.report.coverage!.samplers);
            // A hostile value costs at most its own element, never its thread group.
            const errors = r.invalid.flatMap((i) => i.errors.map((e) => `${i.threadGroup} ${e.path}: ${e.message}`));
            expect(errors.filter((e) => !e.endsWith("steps: a scenario needs at least one step"))).toEqual([]);
          } catch (error) {
            if (!(error instanceof JmeterImportError)) throw error;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it("structural damage: elements removed or disabled anywhere", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: plans.length - 1 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        (which, picks, disable) => {
          let text = plans[which] as string;
          for (const n of picks) {
            const opens = [...text.matchAll(/enabled="true"/g)];
            const m = opens[n % Math.max(1, opens.length)];
            if (!m || m.index === undefined) break;
            if (disable) text = text.slice(0, m.index) + 'enabled="false"' + text.slice(m.index + m[0].length);
            else {
              // Drop one property line: elements lose fields JMeter would default.
              const lines = text.split("\n");
              const i = 1 + (n % (lines.length - 2));
              if (/^\s*<(stringProp|boolProp|intProp|longProp)/.test(lines[i] as string)) lines.splice(i, 1);
              text = lines.join("\n");
            }
          }
          try {
            const r = importJmx(text);
            for (const s of r.scenarios) expect(ZScenario.safeParse(s).success).toBe(true);
          } catch (error) {
            if (!(error instanceof JmeterImportError)) throw error;
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
