import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The report and share pages bundle every client component they import: a value import of
// ./module-chart (recharts) anywhere in this folder loads recharts before hydration on both pages.
describe("report module chart", () => {
  it("is imported only as a type or through import(): recharts stays out of the pages' first scripts", () => {
    const dir = import.meta.dirname;
    const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith(".test.ts"));
    const valueImport = /^import\s+(?!type\b)[^;]*from\s+["']\.\/module-chart["']/m;
    expect(files.filter((f) => valueImport.test(fs.readFileSync(path.join(dir, f), "utf8")))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, "module-chart-lazy.tsx"), "utf8")).toMatch(/import\(["']\.\/module-chart["']\)/);
    expect(fs.readFileSync(path.join(dir, "report-view.tsx"), "utf8")).toMatch(/<ModuleChartLazy\b/);
  });
});
