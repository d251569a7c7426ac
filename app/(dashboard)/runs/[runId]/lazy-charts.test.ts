import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The run page bundles every client component it imports: one static import of the chart modules
// would load recharts before hydration for every run (it did, through the live view).
describe("run page charts", () => {
  it("only lazy-charts.tsx imports the recharts modules", () => {
    const dir = import.meta.dirname;
    const offenders = fs
      .readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f) && f !== "lazy-charts.tsx" && !f.endsWith(".test.ts"))
      .filter((f) => /from\s+["'](\.\/run-charts|\.\/window-chart|recharts)["']/.test(fs.readFileSync(path.join(dir, f), "utf8")));
    // run-charts.tsx and window-chart.tsx themselves import recharts: that is what they are for.
    expect(offenders.sort()).toEqual(["run-charts.tsx", "window-chart.tsx"]);
  });
});
