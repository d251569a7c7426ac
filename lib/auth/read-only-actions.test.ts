import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actionIds, createActionLookup, OWN_ACCOUNT_ACTIONS, READ_ONLY_ACTIONS } from "./read-only-actions";

const manifest = {
  node: {
    "40aa": { workers: {}, filename: "app/_components/language-actions.ts", exportedName: "setLocaleAction" },
    "40bb": { workers: {}, filename: "app/(dashboard)/problems/actions.ts", exportedName: "getProblemAction" },
    "60cc": { workers: {}, filename: "app/(dashboard)/problems/actions.ts", exportedName: "updateProblemAction" },
    "60dd": { workers: {}, filename: "app/(dashboard)/reports/actions.ts", exportedName: "compareAction" },
    "60ee": { workers: {}, filename: "app/(dashboard)/reports/actions.ts", exportedName: "createShareLinkAction" },
    "40ff": { workers: {}, filename: "app/(dashboard)/account/actions.ts", exportedName: "createApiTokenAction" },
    "60ab": { workers: {}, filename: "app/(dashboard)/admin/users/actions.ts", exportedName: "createUserAction" },
  },
  edge: {},
};

describe("actionIds", () => {
  it("maps the listed actions to their ids, and nothing else", () => {
    expect([...actionIds(manifest, READ_ONLY_ACTIONS)].sort()).toEqual(["40aa", "40bb", "60dd"]);
    // The Account page's own-account actions, never an admin one.
    expect([...actionIds(manifest, OWN_ACCOUNT_ACTIONS)]).toEqual(["40ff"]);
  });

  it("tolerates a missing or malformed manifest", () => {
    for (const bad of [null, undefined, 42, {}, { node: null }, { node: { x: null } }, { node: { x: { filename: 1 } } }]) {
      expect(actionIds(bad, READ_ONLY_ACTIONS).size).toBe(0);
    }
  });
});

describe("createActionLookup", () => {
  it("answers from the manifest and re-reads it (not more often than every 2 s) for an unknown id", () => {
    let loads = 0;
    let current: unknown = { node: {} };
    const lookup = createActionLookup(READ_ONLY_ACTIONS, () => {
      loads += 1;
      return [current];
    });
    expect(lookup.has("40aa", 0)).toBe(false);
    current = manifest; // next dev compiled the page meanwhile
    expect(lookup.has("40aa", 1_000)).toBe(false);
    expect(lookup.has("40aa", 2_500)).toBe(true);
    expect(lookup.has("60ee", 2_600)).toBe(false);
    expect(lookup.has("40aa", 9_000)).toBe(true);
    expect(loads).toBe(2);
  });
});

describe("READ_ONLY_ACTIONS and OWN_ACCOUNT_ACTIONS", () => {
  it("name exported actions of `use server` files that exist", () => {
    for (const entry of [...READ_ONLY_ACTIONS, ...OWN_ACCOUNT_ACTIONS]) {
      const [file, name] = entry.split("#") as [string, string];
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      expect(source.startsWith('"use server"'), file).toBe(true);
      expect(source).toMatch(new RegExp(`export async function ${name}\\(`));
    }
  });
});
