import { describe, expect, it } from "vitest";
import { MAX_SECONDS, ZScenario, type TScenario } from "../../engine/scenario";
import { importJmx } from "./import-jmx";

describe("JMX times over the scenario's 366-day limit", () => {
  it("become 366 days with a note, and the thread group is still imported", () => {
    const huge = "99999999999999";
    const r = importJmx(`<?xml version="1.0"?>
<jmeterTestPlan version="1.2"><hashTree>
<TestPlan testclass="TestPlan" testname="P" enabled="true"/>
<hashTree>
<ThreadGroup testclass="ThreadGroup" testname="TG" enabled="true">
  <elementProp name="ThreadGroup.main_controller" elementType="LoopController"><stringProp name="LoopController.loops">-1</stringProp></elementProp>
  <stringProp name="ThreadGroup.num_threads">2</stringProp>
  <stringProp name="ThreadGroup.ramp_time">${huge}</stringProp>
  <boolProp name="ThreadGroup.scheduler">true</boolProp>
  <stringProp name="ThreadGroup.duration">${huge}</stringProp>
</ThreadGroup>
<hashTree>
  <HTTPSamplerProxy testclass="HTTPSamplerProxy" testname="a" enabled="true">
    <stringProp name="HTTPSampler.domain">example.test</stringProp><stringProp name="HTTPSampler.path">/a</stringProp>
    <stringProp name="HTTPSampler.method">GET</stringProp><stringProp name="HTTPSampler.response_timeout">${huge}000</stringProp></HTTPSamplerProxy>
  <hashTree><ConstantTimer testclass="ConstantTimer" testname="t" enabled="true"><stringProp name="ConstantTimer.delay">${huge}000</stringProp></ConstantTimer><hashTree/></hashTree>
</hashTree>
</hashTree></hashTree></jmeterTestPlan>`);
    expect(r.invalid).toEqual([]);
    const s = r.scenarios[0] as TScenario;
    expect(s.load).toMatchObject({ rampUpSeconds: MAX_SECONDS, durationSeconds: MAX_SECONDS });
    expect(ZScenario.safeParse(s).success).toBe(true);
    const notes = r.report.approximated.map((a) => a.reason).filter((x) => x.includes("366 days"));
    expect(notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/^the ramp-up period of \d+ s/), expect.stringMatching(/^the duration of \d+ s/)]),
    );
  });
});
