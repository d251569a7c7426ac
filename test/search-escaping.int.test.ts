import { beforeEach, describe, expect, it } from "vitest";
import { findAuditLogs } from "@/lib/audit/find-audit-logs";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { createProblem } from "@/lib/problems/create-problem";
import { findProblems } from "@/lib/problems/find-problems";
import { findScenarios } from "@/lib/scenarios/find-scenarios";
import { resetAllTables } from "./auth-helpers";

// Text typed into a search box is text: `%`, `_` and `\` match themselves, never "anything".
const NAMES = ["100% sure", "a_b", "back\\slash", "axb", "plain"];
const CASES: [string, string[]][] = [
  ["%", ["100% sure"]],
  ["_", ["a_b"]],
  ["a_b", ["a_b"]],
  ["\\", ["back\\slash"]],
  ["0%", ["100% sure"]],
  ["A_B", ["a_b"]], // still case-insensitive
  ["PLAIN", ["plain"]],
];

describe("q search escapes LIKE wildcards (real PostgreSQL)", () => {
  beforeEach(resetAllTables);

  it("problems: title, description and owner", async () => {
    for (const title of NAMES) await createProblem({ title, description: `about ${title}`, owner: `owner ${title}` });
    for (const [q, expected] of CASES) {
      const titles = (await findProblems({ q })).map((p) => p.title).sort();
      expect({ q, titles }).toEqual({ q, titles: expected });
    }
  });

  it("scenarios: name", async () => {
    const mod = await prisma.module.create({ data: { name: "M" } });
    for (const name of NAMES) {
      await prisma.scenario.create({
        data: {
          moduleId: mod.id,
          name,
          definition: { name, baseUrl: "http://127.0.0.1:1", load: { vus: 1, durationSeconds: 1 }, steps: [] },
        },
      });
    }
    for (const [q, expected] of CASES) {
      const names = (await findScenarios({ q })).map((s) => s.name).sort();
      expect({ q, names }).toEqual({ q, names: expected });
    }
  });

  it("audit log: actor name", async () => {
    for (const name of NAMES)
      await recordAudit({ action: "test.search", targetType: "test", actor: { id: null, role: "viewer", name, via: "token" } });
    for (const [q, expected] of CASES) {
      const names = (await findAuditLogs({ actor: q })).map((r) => r.actorName).sort();
      expect({ q, names }).toEqual({ q, names: expected });
    }
    // The action filter is a prefix: "test_" is not "test." followed by anything.
    expect(await findAuditLogs({ action: "test." })).toHaveLength(NAMES.length);
    expect(await findAuditLogs({ action: "test_" })).toHaveLength(0);
  });
});
