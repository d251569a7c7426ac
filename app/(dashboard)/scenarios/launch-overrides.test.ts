import { describe, expect, it } from "vitest";
import { ZRunOverrides } from "@/lib/engine/scenario";
import { EMPTY_OVERRIDE_FORM, overridesFromForm } from "./launch-overrides";

describe("launch overrides", () => {
  it("leaves out every empty field: the scenarios' own values hold", () => {
    expect(overridesFromForm(EMPTY_OVERRIDE_FORM)).toEqual({});
  });

  it("maps typed values to ZRunOverrides", () => {
    const o = overridesFromForm({
      vus: "50",
      duration: "600",
      rendezvousEnabled: true,
      policy: "runningVusersPercent",
      policyValue: "80",
      timeout: "5",
    });
    expect(o).toEqual({ vus: 50, durationSeconds: 600, rendezvousPolicy: { runningVusersPercent: 80 }, rendezvousTimeoutSeconds: 5 });
    expect(ZRunOverrides.safeParse(o).success).toBe(true);
  });

  it("switching rendezvous off drops the policy and timeout overrides", () => {
    const o = overridesFromForm({ ...EMPTY_OVERRIDE_FORM, rendezvousEnabled: false, policy: "count", policyValue: "3", timeout: "9" });
    expect(o).toEqual({ rendezvousEnabled: false });
  });

  it("keeps bad text so the schema reports it at the field's path", () => {
    const o = overridesFromForm({ ...EMPTY_OVERRIDE_FORM, vus: "0", policy: "count", policyValue: "x" });
    const r = ZRunOverrides.safeParse(o);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["vus"]));
  });
});

describe("launch parameters in the dialog", async () => {
  const { initialParameterValues, missingParameterIssues, variablesFromForm } = await import("./launch-overrides");
  const parameters = [
    { name: "ENVIRONMENT", required: true, isSecret: false },
    { name: "host", defaultValue: "127.0.0.1", required: false, isSecret: false },
    { name: "password", defaultValue: "••••••", required: false, isSecret: true },
  ];

  it("opens with the defaults in place, secrets empty", () => {
    expect(initialParameterValues(parameters)).toEqual({ ENVIRONMENT: "", host: "127.0.0.1", password: "" });
  });

  it("sends only what differs from the defaults, never a mask", () => {
    const initial = initialParameterValues(parameters);
    expect(variablesFromForm(parameters, initial)).toEqual({});
    expect(variablesFromForm(parameters, { ...initial, ENVIRONMENT: "staging", host: "10.0.0.1", password: "pw" })).toEqual({
      ENVIRONMENT: "staging",
      host: "10.0.0.1",
      password: "pw",
    });
    const o = { ...overridesFromForm(EMPTY_OVERRIDE_FORM), variables: variablesFromForm(parameters, { ...initial, host: "localhost" }) };
    expect(ZRunOverrides.safeParse(o).success).toBe(true);
  });

  it("a required parameter left empty is an issue at variables.<name>", () => {
    expect(missingParameterIssues(parameters, initialParameterValues(parameters), "Required")).toEqual([
      { path: "variables.ENVIRONMENT", message: "Required" },
    ]);
    expect(missingParameterIssues(parameters, { ENVIRONMENT: "x" }, "Required")).toEqual([]);
  });
});
