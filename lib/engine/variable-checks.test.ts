/**
 * `expect.variables` (JMeter's Response Assertion scoped to a variable) against the local target:
 * checks run after the request's own extractors, failures are assertions naming the variable,
 * the check and the value; bad literal regexes are validation errors with their path.
 */
import { describe, expect, it } from "vitest";
import { validateScenario } from "./scenario";
import { setUpTargetRuns } from "./testing/target-runs";

const { run } = setUpTargetRuns();

describe("expect.variables", () => {
  it("checks the value extracted by the same request; an unset variable passes only the not- forms", async () => {
    const s = await run(`
name: v
baseUrl: TARGET
variables: { want: "a" }
load: { vus: 1, iterations: 2 }
steps:
  - request:
      name: pass
      path: /json
      extract: { first: { json: "$.items[0].name" }, id: { json: "$.items[1].id" } }
      expect:
        variables:
          first: { equals: "\${want}", notEquals: "b", contains: "a", notContains: "z" }
          id: { matches: "^\\\\d$", notMatches: "^7$" }
          nothing: { notEquals: "x", notContains: "x", notMatches: "x" }
  - request: { name: wrongEquals, path: /fast, expect: { variables: { first: { equals: "b" } } } }
  - request: { name: wrongMatch, path: /fast, expect: { variables: { id: { notMatches: "8" } } } }
  - request: { name: unset, path: /fast, expect: { variables: { nothing: { contains: "" } } } }
`);
    expect(s.labels.find((l) => l.label === "pass")?.errors).toBe(0);
    expect(s.labels.find((l) => l.label === "pass")?.samples).toBe(2);
    const byLabel = (label: string) => s.errors.find((e) => e.label === label);
    expect(byLabel("wrongEquals")?.kind).toBe("assertion");
    expect(byLabel("wrongEquals")?.count).toBe(2);
    expect(byLabel("wrongEquals")?.examples[0]).toBe('variable first equals "b" failed: value "a"');
    expect(byLabel("wrongMatch")?.examples[0]).toBe('variable id notMatches "8" failed: value "8"');
    expect(byLabel("unset")?.examples[0]).toBe('variable nothing contains "" failed: value unset');
  });

  it("reports a bad literal regex and an empty check with their paths", () => {
    const r = validateScenario({
      name: "bad",
      baseUrl: "http://127.0.0.1:1",
      load: { vus: 1, iterations: 1 },
      steps: [{ request: { path: "/", expect: { variables: { a: { matches: "(" }, b: {} } } } }],
    });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors.find((e) => e.path === "steps.0.request.expect.variables.a.matches")?.message).toMatch(/^not a valid regular expression/);
    expect(errors.find((e) => e.path === "steps.0.request.expect.variables.b")?.message).toMatch(/at least one/);
  });
});
