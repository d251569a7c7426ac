/**
 * Every catalogue of coded messages (lib/i18n/coded-messages.ts) has, in every UI locale, one
 * message per code using exactly the code's parameters: a missing message or a parameter the
 * reader would see as "{detail}" fails here, not on a zh-CN screen. And the text columns that hold
 * coded messages still read rows written before codes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, AUDIT_KEYS, AUDIT_TARGETS, AUDIT_VALUES } from "@/lib/audit/audit-codes";
import { IMPORT_ERRORS } from "@/lib/jmeter/import-error-codes";
import { JMX_REASONS } from "@/lib/jmeter/jmx/jmx-reason-codes";
import { WEBHOOK_ERRORS } from "@/lib/notifications/webhook-error-codes";
import { RUN_ERRORS, decodeRunError, encodeRunError, runError } from "@/lib/runs/run-error-codes";
import { decodeCodedText, encodeCodedText, englishOf, type TCatalogue } from "./coded-messages";
import { catalogueProblems } from "./message-args";

const dir = path.join(import.meta.dirname, "../../messages");
const locales = readdirSync(dir).filter((f) => f.endsWith(".json"));

/** Where in messages/*.json (namespace, or namespace.group) → its catalogue. */
const CATALOGUES: Record<string, TCatalogue> = {
  "auditLog.actions": AUDIT_ACTIONS,
  "auditLog.targets": AUDIT_TARGETS,
  "auditLog.keys": AUDIT_KEYS,
  "auditLog.values": AUDIT_VALUES,
  importErrors: IMPORT_ERRORS,
  runErrors: RUN_ERRORS,
  webhookErrors: WEBHOOK_ERRORS,
  jmxReasons: JMX_REASONS,
};

describe("coded message catalogues", () => {
  it("the UI has two locales to check", () => {
    expect(locales.sort()).toEqual(["en.json", "zh-CN.json"]);
  });

  for (const file of locales) {
    const messages = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Record<string, Record<string, Record<string, unknown>>>;
    for (const [where, catalogue] of Object.entries(CATALOGUES))
      it(`${file}: ${where}, one message per code with exactly its parameters`, () => {
        const [namespace, group = "codes"] = where.split(".") as [string, string?];
        expect(catalogueProblems(catalogue, messages[namespace]?.[group])).toEqual([]);
      });
    it(`${file}: how coded parts are joined`, () => {
      expect((messages as unknown as { codedMessages?: { separator?: string } }).codedMessages?.separator).toMatch(/\S/);
    });
  }

  it("the checker sees a missing message, a missing and an extra parameter, and an unknown tag", () => {
    const catalogue = { a: { params: ["x"] }, b: { params: [] }, c: { params: [] } } as const;
    expect(catalogueProblems(catalogue, { a: "no x here", c: "<b>bold</b>", d: "no such code" })).toEqual([
      "a: uses {}, the code passes {x}",
      "b: no message",
      "c: unknown tag <b>",
      "d: a message for a code that does not exist",
    ]);
  });
});

describe("a coded text column", () => {
  it("keeps the English first and reads back the codes", () => {
    const stored = encodeRunError([
      runError("engine_failed", { detail: "boom; a\nb\u001e" }),
      runError("metrics_dropped", { seconds: 3 }),
    ])!;
    expect(stored.startsWith("boom; a\nb\u001e; 3 second(s) of metrics dropped during a long database outage\u001e")).toBe(true);
    expect(decodeRunError(stored)).toEqual({
      error: "boom; a\nb\u001e; 3 second(s) of metrics dropped during a long database outage",
      errorParts: [
        { code: "engine_failed", params: { detail: "boom; a\nb\u001e" } },
        { code: "metrics_dropped", params: { seconds: 3 } },
      ],
    });
    expect(encodeRunError([])).toBeNull();
  });

  it("reads a row written before codes as it is", () => {
    const old = "the worker running it stopped (crash or kill); data up to its last written second is kept";
    expect(decodeRunError(old)).toEqual({ error: old, errorParts: null });
    expect(decodeRunError(null)).toEqual({ error: null, errorParts: null });
    expect(decodeCodedText("text\u001enot json")).toEqual({ text: "text", parts: null });
  });

  it("the English is the catalogue's", () => {
    expect(englishOf(RUN_ERRORS, "agents_not_connected", { count: 2, agents: "a1, a2" })).toBe("agents a1, a2 not connected");
    expect(encodeCodedText([{ code: "x", params: {} }], () => "X")).toBe('X\u001e[{"code":"x","params":{}}]');
  });
});
