import { describe, expect, it } from "vitest";
import { conditionProblem } from "../../engine/expression";
import { templateProblem } from "../../engine/template";
import { translateCondition } from "./jmx-conditions";
import { splitArgs, translateJmeterText, type TJmeterTextEnv } from "./jmeter-functions";
import { jmxReasonEnglish } from "./jmx-reason-codes";

function env(udv: Record<string, string> = {}) {
  const notes: string[] = [];
  let n = 0;
  const e: TJmeterTextEnv = {
    udv,
    threadGroupName: "TG",
    note: (m) => notes.push(jmxReasonEnglish(m)),
    placeholder: (fn) => `jmeter_${fn}_${++n}`,
  };
  return { e, notes, tr: (s: string) => translateJmeterText(s, e) };
}

describe("JMeter text → template text", () => {
  it("splits arguments like JMeter: top-level commas, \\, literal, nested calls whole", () => {
    expect(splitArgs("a,b\\,c,${__P(x,y)},(1,2)")).toEqual(["a", "b,c", "${__P(x,y)}", "(1,2)"]);
  });

  it.each([
    ["${__time()}", "${__time()}"],
    ["${__time}", "${__time()}"],
    ["${__time(/1000,)}", "${__time(/1000)}"],
    ["${__time(yyyy-MM-dd'T'HH:mm:ss,)}", "${__time(yyyy-MM-dd'T'HH:mm:ss)}"],
    ["u${__threadNum}", "u${__vu}"],
    ["${__Random(1,${max},rnd)}", "${__randomInt(1,${max})}"],
    ["${__RandomString(5,a\\,b,)}", "${__randomString(5,a\\,b)}"],
    ["${__UUID}-${__UUID()}", "${__uuid()}-${__uuid()}"],
    ["${__counter(TRUE,)}/${__counter(false)}", "${__counter()}/${__counter(run)}"],
    ["${__P(host,127.0.0.1)}:${__P(port)}", "${__P(host,127.0.0.1)}:${__P(port)}"],
    ["${__property(lang,,en)}", "${__P(lang,en)}"],
    ["${__threadGroupName}", "TG"],
    ["${__intSum(2,3,sum)}", "5"],
    ["plain ${var} text", "plain ${var} text"],
    ["unclosed ${x", "unclosed ${x"],
  ])("%s → %s", (jmeter, ours) => {
    const { tr } = env();
    const out = tr(jmeter);
    expect(out).toBe(ours);
    expect(templateProblem(out)).toBeNull();
  });

  it("variables holding functions are used in place; plain ones stay references; loops stop", () => {
    const { tr, notes } = env({ HOST: "${__P(host,localhost)}", API: "/v2", A: "${B}", B: "${A}" });
    expect(tr("http://${HOST}${API}")).toBe("http://${__P(host,localhost)}${API}");
    expect(tr("${A}")).toMatch(/^\$\{[AB]\}$/);
    expect(notes.join()).toMatch(/refers to itself/);
  });

  it("functions with no counterpart or bad arguments become placeholders, each reported", () => {
    const { tr, notes } = env();
    expect(tr("${__javaScript(1+1)}/${__Random(a,b)}/${__time(QQ,)}")).toBe("${jmeter_javaScript_1}/${jmeter_Random_2}/${__time()}");
    expect(notes).toHaveLength(3);
    expect(notes[1]).toMatch(/__randomInt: min must be a whole number/);
    expect(tr("${__time(,stamp)}")).toBe("${__time()}");
    expect(notes.at(-1)).toMatch(/not also stored in variable stamp/);
  });
});

describe("If / While conditions", () => {
  const { tr } = env({ n: "3" });
  it.each([
    ['"${status}" != "done"', false, '"${status}" != "done"'],
    ['${__javaScript("${x}" == "a" && ${n} > 2)}', false, '"${x}" == "a" && ${n} > 2'],
    ["${__jexl3(${count} >= 10 || !(\"${mode}\" === 'full'),)}", true, '${count} >= 10 || ! ( "${mode}" == "full" )'],
    ['${__groovy(vars.get("ok") == "true")}', true, '${ok} == "true"'],
    ["${isAdmin}", true, '"${isAdmin}" == "true"'],
    ["${JMeterThread.last_sample_ok}", true, "${__status} < 400"],
    ['"${JMeterThread.last_sample_ok}" == "true"', false, "${__status} < 400"],
  ])("%s → %s", (jmeter, useExpression, ours) => {
    const c = translateCondition(jmeter, useExpression, tr);
    expect(c?.condition).toBe(ours);
    expect(conditionProblem(ours)).toBeNull();
  });

  it.each([
    ['"${x}".toUpperCase() == "A"'],
    ["${a} + 1 > 2"],
    ["${__javaScript(Math.random() < 0.5)}"],
    ['"${JMeterThread.last_sample_ok}" == "false" && ${x} > 1'],
    ["(("],
  ])("%s has no exact translation", (jmeter) => {
    expect(translateCondition(jmeter, false, tr)).toBeNull();
  });
});
