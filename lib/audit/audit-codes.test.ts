/**
 * Every action, target kind and detail key the code records (recordAudit({ action: "…", … }) in
 * lib/ and app/) is in lib/audit/audit-codes.ts, so the audit page words it in every locale
 * (lib/i18n/coded-messages.test.ts checks the messages); a new one fails here.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionKey, AUDIT_ACTIONS, AUDIT_KEYS, AUDIT_TARGETS, HIDDEN_DETAIL_KEYS } from "./audit-codes";

const root = path.join(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.includes("generated"))
    .map((f) => path.join(root, dir, f));
}

/** The object literal of each recordAudit call: from "recordAudit({" to its closing "})". */
function auditCalls(): { call: string; file: string }[] {
  const calls: { call: string; file: string }[] = [];
  for (const file of [...sources("lib"), ...sources("app")]) {
    const text = readFileSync(file, "utf8");
    for (let at = text.indexOf("recordAudit({"); at >= 0; at = text.indexOf("recordAudit({", at + 1)) {
      let depth = 0;
      let end = at + "recordAudit(".length;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      calls.push({ call: text.slice(at, end + 1), file: text });
    }
  }
  return calls;
}

describe("audit words", () => {
  const calls = auditCalls();

  it("finds the recordAudit calls", () => {
    expect(calls.length).toBeGreaterThan(20);
  });

  it("every recorded action and target kind has a word", () => {
    const missing: string[] = [];
    for (const { call, file } of calls) {
      // `action,` names a variable: the literals of its `const action = …;` line.
      const actions = /action: "([^"]+)"/.exec(call)?.[1]
        ? [/action: "([^"]+)"/.exec(call)![1]!]
        : [...(/const action = ([^;]+);/.exec(file)?.[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
      const target = /targetType: "([^"]+)"/.exec(call)?.[1];
      if (actions.length === 0) missing.push(`action of ${call.slice(0, 80)}`);
      for (const action of actions) if (!Object.hasOwn(AUDIT_ACTIONS, actionKey(action))) missing.push(`action ${action}`);
      if (!target || !Object.hasOwn(AUDIT_TARGETS, target)) missing.push(`target ${target ?? call.slice(0, 80)}`);
    }
    expect(missing).toEqual([]);
  });

  it("every detail key written as a literal has a word", () => {
    const missing = new Set<string>();
    for (const { call } of calls) {
      const details = /details: \{([^}]*)\}/.exec(call)?.[1];
      if (!details) continue;
      for (const part of details.split(",")) {
        const key = /^\s*(?:\.\.\.)?([A-Za-z]+)/.exec(part)?.[1];
        if (key && !part.trim().startsWith("...") && !Object.hasOwn(AUDIT_KEYS, key) && !HIDDEN_DETAIL_KEYS.has(key)) missing.add(key);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it("the checker sees an action it does not know", () => {
    expect(Object.hasOwn(AUDIT_ACTIONS, actionKey("run.start"))).toBe(true);
    expect(Object.hasOwn(AUDIT_ACTIONS, actionKey("run.explode"))).toBe(false);
  });
});
