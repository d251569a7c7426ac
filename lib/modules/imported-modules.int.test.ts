import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { importJtlFile } from "@/lib/imports/import-jtl-file";
import { importSummariserLog } from "@/lib/imports/import-summariser-log";
import { resetReportTables } from "@/test/report-fixtures";
import { findModules } from "./find-modules";

const fixture = (name: string) => path.join(import.meta.dirname, "../jmeter/fixtures", name);

describe("imported modules appear under Modules", () => {
  beforeEach(resetReportTables);

  it("a JTL import creates its thread groups' modules once; a module made by hand is left as it was", async () => {
    await prisma.module.create({ data: { name: "incoming", description: "made by hand" } });
    const first = await importJtlFile(createReadStream(fixture("csv-header.jtl")), { fileName: "csv-header.jtl", utcOffsetMinutes: 0 });
    expect(first.status, first.error ?? "").toBe("completed");
    const moduleRows = await prisma.runSummaryRow.findMany({ where: { runId: first.runId!, scope: "module" }, select: { module: true } });
    const imported = moduleRows.map((r) => r.module).sort();
    expect(imported).toEqual(expect.arrayContaining(["Vote_Interface_Test", "incoming"]));
    expect((await findModules()).map((m) => m.name).sort()).toEqual(imported);
    expect((await prisma.module.findUniqueOrThrow({ where: { name: "incoming" } })).description).toBe("made by hand");

    // Idempotent: the same file again adds no module.
    const again = await importJtlFile(createReadStream(fixture("csv-header.jtl")), { fileName: "csv-header.jtl", utcOffsetMinutes: 0 });
    expect(again.status).toBe("completed");
    expect(await prisma.module.count()).toBe(imported.length);
  });

  it("a pasted report table creates one module per row's module; a log naming none creates none", async () => {
    const r = await importSummariserLog({ text: readFileSync(fixture("daily-stress-report.md"), "utf8") });
    const modules = (await prisma.runSummaryRow.findMany({ where: { runId: r.runId, scope: "module" }, select: { module: true } })).map(
      (m) => m.module,
    );
    expect(modules.length).toBeGreaterThan(5);
    expect((await findModules()).map((m) => m.name).sort()).toEqual([...new Set(modules)].sort());
    await importSummariserLog({ text: readFileSync(fixture("daily-stress-report.md"), "utf8") });
    expect(await prisma.module.count()).toBe(new Set(modules).size);

    await prisma.module.deleteMany();
    await importSummariserLog({ text: "summary = 559 in 00:00:06 = 93.2/s Avg: 33 Min: 1 Max: 289 Err: 37 (6.62%)" });
    expect(await prisma.module.count()).toBe(0);
    await importSummariserLog({ text: "summary = 559 in 00:00:06 = 93.2/s Avg: 33 Min: 1 Max: 289 Err: 37 (6.62%)", module: "recording" });
    expect((await findModules()).map((m) => m.name)).toEqual(["recording"]);
  });
});
