import { describe, expect, it } from "vitest";
import { agentSelectionFromText, agentVuRange, chooseAgents, type TAgentCandidate } from "./agent-selection";

const agent = (name: string, status: TAgentCandidate["status"], labels: Record<string, string> = {}): TAgentCandidate => ({
  id: `id-${name}`,
  name,
  labels,
  status,
});
const pool = [
  agent("b", "idle", { zone: "east" }),
  agent("a", "idle", { zone: "west" }),
  agent("c", "busy", { zone: "east" }),
  agent("d", "lost"),
  agent("e", "idle", { zone: "east" }),
];

describe("chooseAgents", () => {
  it("count: the first idle ones by name; too few is an error naming both numbers", () => {
    expect(chooseAgents({ count: 2 }, pool)).toEqual({ ok: true, agents: [pool[1], pool[0]] });
    expect(chooseAgents({ count: 4 }, pool)).toEqual({ ok: false, message: "4 idle agent(s) wanted, 3 available" });
  });
  it("names: in the order given; unknown or not idle refused", () => {
    expect(chooseAgents({ names: ["e", "a"] }, pool)).toMatchObject({ ok: true, agents: [{ name: "e" }, { name: "a" }] });
    expect(chooseAgents({ names: ["a", "zz"] }, pool)).toEqual({ ok: false, message: "unknown agent(s): zz" });
    expect(chooseAgents({ names: ["a", "c", "d"] }, pool)).toEqual({ ok: false, message: "not idle: c (busy), d (lost)" });
  });
  it("labels: every idle agent with all of them", () => {
    expect(chooseAgents({ labels: { zone: "east" } }, pool)).toMatchObject({ ok: true, agents: [{ name: "b" }, { name: "e" }] });
    expect(chooseAgents({ labels: { zone: "north" } }, pool).ok).toBe(false);
  });
});

describe("agentVuRange", () => {
  it("VU i on agent (i − 1) mod N: first and last VU of each", () => {
    expect([0, 1, 2].map((k) => agentVuRange(k, 3, 10))).toEqual([
      { vuFrom: 1, vuTo: 10 },
      { vuFrom: 2, vuTo: 8 },
      { vuFrom: 3, vuTo: 9 },
    ]);
    expect(agentVuRange(3, 4, 3)).toBeNull();
  });
});

describe("agentSelectionFromText", () => {
  it("empty, a count, labels, names", () => {
    expect(agentSelectionFromText("  ")).toBeUndefined();
    expect(agentSelectionFromText("3")).toEqual({ count: 3 });
    expect(agentSelectionFromText("zone=east, rack=2")).toEqual({ labels: { zone: "east", rack: "2" } });
    expect(agentSelectionFromText("a1, a2 a3")).toEqual({ names: ["a1", "a2", "a3"] });
  });
});
