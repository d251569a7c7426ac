import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createReadOnlyActionLookup, READ_ONLY_ACTIONS, readOnlyActionIds } from "./read-only-actions";

const manifest = {
  node: {
    "40aa": { workers: {}, filename: "app/_components/language-actions.ts", exportedName: "setLocaleAction" },
    "40bb": { workers: {}, filename: "app/(dashboard)/problems/actions.ts", exportedName: "getProblemAction" },
    "60cc": { workers: {}, filename: "app/(dashboard)/problems/actions.ts", exportedName: "updateProblemAction" },
    "60dd": { workers: {}, filename: "app/(dashboard)/reports/actions.ts", exportedName: "compareAction" },
    "60ee": { workers: {}, filename: "app/(dashboard)/reports/actions.ts", exportedName: "createShareLinkAction" },
  },
  edge: {},
};

describe("readOnlyActionIds", () => {
  it("maps the listed actions to their ids, and nothing else", () => {
    expect([...readOnlyActionIds(manifest)].sort()).toEqual(["40aa", "40bb", "60dd"]);
  });

  it("tolerates a missing or malformed manifest", () => {
    for (const bad of [null, undefined, 42, {}, { node: null }, { node: { x: null } }, { node: { x: { filename: 1 } } }]) {
      expect(readOnlyActionIds(bad).size).toBe(0);
    }
  });
});

describe("createReadOnlyActionLookup", () => {
  it("answers from the manifest and re-reads it (not more often than every 2 s) for an unknown id", () => {
    let loads = 0;
    let current: unknown = { node: {} };
    const lookup = createReadOnlyActionLookup(() => {
      loads += 1;
      return [current];
    });
    expect(lookup.isReadOnly("40aa", 0)).toBe(false);
    current = manifest; // next dev compiled the page meanwhile
    expect(lookup.isReadOnly("40aa", 1_000)).toBe(false);
    expect(lookup.isReadOnly("40aa", 2_500)).toBe(true);
    expect(lookup.isReadOnly("60ee", 2_600)).toBe(false);
    expect(lookup.isReadOnly("40aa", 9_000)).toBe(true);
    expect(loads).toBe(2);
  });
});

describe("READ_ONLY_ACTIONS", () => {
  it("names exported actions of `use server` files that exist", () => {
    for (const entry of READ_ONLY_ACTIONS) {
      const [file, name] = entry.split("#") as [string, string];
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      expect(source.startsWith('"use server"'), file).toBe(true);
      expect(source).toMatch(new RegExp(`export async function ${name}\\(`));
    }
  });
});
