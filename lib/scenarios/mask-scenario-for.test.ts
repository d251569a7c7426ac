import { describe, expect, it } from "vitest";
import type { TScenario } from "@/lib/engine/scenario";
import { MASK } from "@/lib/security/mask-secrets";
import { canReadScenarioSecrets, maskScenarioList, scenarioListFor, scenarioRecordFor } from "./mask-scenario-for";
import type { TScenarioListItem, TScenarioRecord } from "./scenario.schema";

const item: TScenarioListItem = {
  id: "s1",
  moduleId: "m1",
  moduleName: "shop",
  name: "shop",
  version: 1,
  baseUrl: "http://admin:pa55@127.0.0.1:9",
  vus: 1,
  durationSeconds: 1,
  updatedAt: new Date(0),
};
const record: TScenarioRecord = {
  id: "s1",
  moduleId: "m1",
  moduleName: "shop",
  name: "shop",
  version: 1,
  warnings: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  definition: {
    name: "shop",
    baseUrl: "http://127.0.0.1:9",
    load: { vus: 1, durationSeconds: 1 },
    steps: [{ if: { condition: "1 == 1", then: [{ request: { method: "GET", path: "/x", headers: { "X-Api-Key": "k3y" } } }] } }],
  } as unknown as TScenario,
};

describe("scenario reads by role", () => {
  it("only testers and admins read secrets; no actor reads them masked", () => {
    expect(canReadScenarioSecrets({ role: "admin" })).toBe(true);
    expect(canReadScenarioSecrets({ role: "tester" })).toBe(true);
    expect(canReadScenarioSecrets({ role: "viewer" })).toBe(false);
    expect(canReadScenarioSecrets(null)).toBe(false);
  });

  it("a viewer's record has nested credential headers masked; a tester's is the stored one", () => {
    expect(JSON.stringify(scenarioRecordFor(record, { role: "viewer" }))).not.toContain("k3y");
    expect(JSON.stringify(scenarioRecordFor(record, { role: "viewer" }))).toContain(MASK);
    expect(scenarioRecordFor(record, { role: "tester" })).toBe(record);
  });

  it("list rows: the base URL's password masked (the /scenarios page masks for every role)", () => {
    expect(maskScenarioList([item])[0]!.baseUrl).toBe(`http://admin:${MASK}@127.0.0.1:9`);
    expect(scenarioListFor([item], { role: "viewer" })[0]!.baseUrl).not.toContain("pa55");
    expect(scenarioListFor([item], { role: "tester" })[0]!.baseUrl).toContain("pa55");
  });
});
