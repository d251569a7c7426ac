/**
 * Response Assertions scoped to a JMeter variable → `expect.variables`: each test type bit
 * (1 matches, 2 contains, 8 equals, 16 substring, 4 not, 32 or) and its report lines.
 */
import { describe, expect, it } from "vitest";
import { ZScenario, type TRequest, type TScenario } from "../../engine/scenario";
import { importJmx } from "./import-jmx";

const assertion = (name: string, variable: string, type: number, strings: string[]) => `
  <ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname="${name}" enabled="true">
    <collectionProp name="Asserion.test_strings">${strings.map((s, i) => `<stringProp name="${i}">${s}</stringProp>`).join("")}</collectionProp>
    <stringProp name="Assertion.test_field">Assertion.response_data</stringProp>
    <intProp name="Assertion.test_type">${type}</intProp>
    <stringProp name="Assertion.scope">variable</stringProp>
    <stringProp name="Scope.variable">${variable}</stringProp>
  </ResponseAssertion><hashTree/>`;

const plan = (assertions: string) => `<?xml version="1.0"?>
<jmeterTestPlan version="1.2"><hashTree>
<TestPlan testclass="TestPlan" testname="P" enabled="true"/>
<hashTree>
<ThreadGroup testclass="ThreadGroup" testname="TG" enabled="true">
  <elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">1</stringProp></elementProp>
  <stringProp name="ThreadGroup.num_threads">1</stringProp>
</ThreadGroup>
<hashTree>
  <HTTPSamplerProxy testclass="HTTPSamplerProxy" testname="a" enabled="true">
    <stringProp name="HTTPSampler.domain">127.0.0.1</stringProp><stringProp name="HTTPSampler.port">9</stringProp><stringProp name="HTTPSampler.path">/a</stringProp>
    <stringProp name="HTTPSampler.method">GET</stringProp></HTTPSamplerProxy>
  <hashTree>${assertions}</hashTree>
</hashTree>
</hashTree></hashTree></jmeterTestPlan>`;

describe("JMX Response Assertion on a variable", () => {
  it("maps each test type to its check, the NOT flag to the not- form", () => {
    const r = importJmx(
      plan(
        assertion("eq", "a", 8, ["up"]) +
          assertion("neq", "a", 12, ["down"]) +
          assertion("sub", "b", 16, ["x${suffix}"]) +
          assertion("nsub", "b", 20, ["y"]) +
          assertion("whole", "c", 1, ["\\d+"]) +
          assertion("find", "d", 2, ["ab?c"]) +
          assertion("nfind", "d", 6, ["zz"]) +
          assertion("nwhole", "e", 5, ["a|b"]),
      ),
    );
    expect(r.invalid).toEqual([]);
    const s = r.scenarios[0] as TScenario;
    expect(ZScenario.safeParse(s).success).toBe(true);
    const req = (s.steps[0] as { request: TRequest }).request;
    expect(req.expect?.variables).toEqual({
      a: { equals: "up", notEquals: "down" },
      b: { contains: "x${suffix}", notContains: "y" },
      c: { matches: "^(?:\\d+)$" },
      d: { matches: "ab?c", notMatches: "zz" },
      e: { notMatches: "^(?:a|b)$" },
    });
    expect(r.report.skipped).toEqual([]);
  });

  it("several strings (OR or AND): the first is kept and reported; a pattern JavaScript cannot read is skipped", () => {
    const r = importJmx(
      plan(
        assertion("or", "a", 8 | 32, ["one", "two"]) + assertion("and", "b", 16, ["p", "q", "r"]) + assertion("bad", "c", 2, ["(?&lt;=x"]),
      ),
    );
    const req = ((r.scenarios[0] as TScenario).steps[0] as { request: TRequest }).request;
    expect(req.expect?.variables).toEqual({ a: { equals: "one" }, b: { contains: "p" } });
    const reasons = r.report.approximated.map((a) => a.reason);
    expect(reasons).toContain("only the first of 2 alternatives (OR) is checked on a");
    expect(reasons).toContain("only the first of 3 patterns is checked on b");
    expect(r.report.skipped.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^the pattern "\(\?<=x" is not a regular expression JavaScript reads/),
    ]);
  });
});
