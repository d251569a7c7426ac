import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The run page bundles every client component it imports: one static import of a chart module
// would load recharts before hydration for every run (it did, through the live view). Chart
// modules are loaded with next/dynamic (lazy-charts.tsx, live-view.tsx); `import type` is free.
const CHART_MODULES = ["label-response-chart", "run-charts", "window-chart"];

describe("run page charts", () => {
  it("only the chart modules import recharts, and nothing imports a chart module but through next/dynamic", () => {
    const dir = import.meta.dirname;
    const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
    const importsRecharts = files.filter((f) =>
      /^import\s+(?!type\b)[^;]*from\s+["']recharts["']/m.test(fs.readFileSync(path.join(dir, f), "utf8")),
    );
    expect(importsRecharts.sort()).toEqual(CHART_MODULES.map((m) => `${m}.tsx`));
    const chartImport = new RegExp(`^import\\s+(?!type\\b)[^;]*from\\s+["']\\./(${CHART_MODULES.join("|")})["']`, "m");
    const offenders = files.filter((f) => chartImport.test(fs.readFileSync(path.join(dir, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
