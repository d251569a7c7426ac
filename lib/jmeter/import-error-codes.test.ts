/**
 * Every import error code has a message in every UI locale (messages/*.json, importErrors.codes)
 * that uses exactly the parameters the code carries: a missing message, a missing parameter (the
 * reader would see "{found}") or one the code never passes fails here, not on a tester's screen.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogueProblems, messageArgs } from "../i18n/message-args";
import { JmeterImportError } from "./errors";
import { IMPORT_ERRORS, type TImportErrorCode } from "./import-error-codes";

const dir = path.join(import.meta.dirname, "../../messages");
const locales = readdirSync(dir).filter((f) => f.endsWith(".json"));

describe("import error messages", () => {
  it("the UI has two locales to check", () => {
    expect(locales.sort()).toEqual(["en.json", "zh-CN.json"]);
  });

  for (const file of locales) {
    const catalogue = (
      JSON.parse(readFileSync(path.join(dir, file), "utf8")) as {
        importErrors?: { codes?: Record<string, string>; where?: Record<string, string> };
      }
    ).importErrors;

    it(`${file}: one message per code, with exactly the code's parameters`, () => {
      expect(catalogueProblems(IMPORT_ERRORS, catalogue?.codes)).toEqual([]);
    });

    it(`${file}: where in the file (line, element path)`, () => {
      const where = catalogue?.where ?? {};
      expect(messageArgs(where.line ?? "").args).toEqual(["line"]);
      expect(messageArgs(where.path ?? "").args).toEqual(["path"]);
      expect(messageArgs(where.linePath ?? "").args).toEqual(["line", "path"]);
    });
  }

  it("the checker itself sees a missing and an extra parameter", () => {
    expect(messageArgs("expected {expected} fields").args).toEqual(["expected"]);
    expect(messageArgs("{count, plural, one {# <data>{names}</data>} other {#}}")).toEqual({
      args: ["count", "names"],
      tags: ["data"],
    });
  });

  it("an error keeps its English message, line and path, and carries its code and parameters", () => {
    const e = new JmeterImportError("csv_too_few_fields", { expected: 12, found: 4 }, { line: 3 });
    expect(e.message).toBe("line 3: expected 12 fields, found 4 (a truncated row, or a different column layout)");
    expect(e.toStored()).toEqual({ code: "csv_too_few_fields", params: { expected: 12, found: 4 }, line: 3 });
    const x = new JmeterImportError("xml_truncated", { element: "httpSample" }, { line: 9, path: "/testResults[1]/httpSample[2]" });
    expect(x.message).toBe("line 9, /testResults[1]/httpSample[2]: the file ends inside <httpSample> (truncated?)");
    const code: TImportErrorCode = x.code;
    expect(code).toBe("xml_truncated");
  });
});
