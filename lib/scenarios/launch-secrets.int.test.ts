/**
 * The launch dialog's parameters and a run's launch values (GET /api/runs/:id) show no credential:
 * not under a secret-looking name, and not as a `user:password@` inside a URL under a plain name.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { findLaunchParameters } from "@/lib/runs/find-launch-parameters";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { getRunById } from "@/lib/runs/get-run-by-id";
import { MASK } from "@/lib/security/mask-secrets";
import { createTestModule, scenarioDoc } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { createScenario } from "./create-scenario";

describe("launch parameters and launch values are masked", () => {
  beforeEach(resetDatabase);

  it("a variable holding a URL with a password: masked in the dialog, a password box; plain values untouched", async () => {
    const mod = await createTestModule("launch-secrets");
    const { id } = await createScenario({
      moduleId: mod.id,
      definition: scenarioDoc({
        baseUrl: "${base}",
        variables: { base: "http://admin:d1al0g-pw@127.0.0.1:9", password: "plain-pw", region: "eu" },
      } as never),
    });
    const params = await findLaunchParameters([id]);
    const text = JSON.stringify(params);
    expect(text).not.toContain("d1al0g-pw");
    expect(text).not.toContain("plain-pw");
    const base = params.find((p) => p.name === "base")!;
    expect(base.defaultValue).toBe(`http://admin:${MASK}@127.0.0.1:9`);
    expect(base.isSecret).toBe(true);
    expect(params.find((p) => p.name === "region")).toMatchObject({ defaultValue: "eu", isSecret: false });

    const run = await enqueueRun({
      scenarioIds: [id],
      overrides: { variables: { base: "http://admin:l4unch-pw@127.0.0.1:9", region: "us" } },
    });
    const record = await getRunById(run.id);
    const shown = JSON.stringify(record);
    expect(shown).not.toContain("l4unch-pw");
    expect(record.overrides?.variables).toEqual({ base: `http://admin:${MASK}@127.0.0.1:9`, region: "us" });
  });
});
