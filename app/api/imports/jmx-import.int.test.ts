/**
 * POST /api/imports/jmx with plans that used to answer 500 or reject the whole plan: a ${Server}
 * host and a port written as a word; one thread group that cannot be mapped next to one that can;
 * a plan the importer cannot read. Called as Next calls the handler, against a real database.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-run-db";
import * as jmx from "./jmx/route";

const CORPUS = path.join(import.meta.dirname, "../../../lib/jmeter/jmx/fixtures");
const read = (name: string) => readFileSync(path.join(CORPUS, name), "utf8");

function upload(text: string, fileName: string) {
  const form = new FormData();
  form.append("file", new Blob([text]), fileName);
  return new Request("http://localhost/api/imports/jmx", { method: "POST", body: form });
}

type TBody = {
  error?: string;
  importId: string;
  scenarios?: { name: string }[];
  report?: {
    notImported?: { threadGroup: string }[];
    coverage?: { samplers: number; usable: number };
    launchParameters?: { name: string; required: boolean; default?: string }[];
  };
};

describe("POST /api/imports/jmx never answers 500", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("a ${Server} host and a port written as a word → 201 with the scenario and its variables", async () => {
    const res = await jmx.POST(upload(read("server-variable-port-word-2.13.jmx"), "portal.jmx"), undefined);
    const body = ((await res.json()) as { data: TBody }).data;
    expect(res.status, JSON.stringify(body)).toBe(201);
    const row = await prisma.scenario.findFirstOrThrow({ where: { name: "Portal users" } });
    const def = row.definition as { baseUrl: string; variables: Record<string, string> };
    expect(def.baseUrl).toBe("http://${Server}:${Port}");
    expect(def.variables).toEqual({ Server: "127.0.0.1", Port: "9" });
    const imp = await prisma.import.findUniqueOrThrow({ where: { id: body.importId } });
    expect(imp.status).toBe("completed");
    expect((imp.report as TBody["report"])?.coverage).toMatchObject({ samplers: 4, usable: 4 });
  });

  it("a thread group that cannot be mapped is reported; the others are created", async () => {
    const res = await jmx.POST(upload(read("disabled-and-unmappable-5.x.jmx"), "partly.jmx"), undefined);
    const body = ((await res.json()) as { data: TBody }).data;
    expect(res.status, JSON.stringify(body)).toBe(201);
    expect(body.scenarios?.map((s) => s.name)).toEqual(["Good users"]);
    expect(body.report?.notImported?.map((n) => n.threadGroup)).toEqual(["Only scripts"]);
    expect(await prisma.scenario.count()).toBe(1);
  });

  it("required launch parameters are named in the stored report", async () => {
    const res = await jmx.POST(upload(read("properties-host-5.x.jmx"), "ci.jmx"), undefined);
    const body = ((await res.json()) as { data: TBody }).data;
    expect(res.status).toBe(201);
    const imp = await prisma.import.findUniqueOrThrow({ where: { id: body.importId } });
    const params = (imp.report as TBody["report"])?.launchParameters ?? [];
    expect(params.filter((p) => p.required).map((p) => p.name)).toEqual(["ENVIRONMENT"]);
  });

  it("a plan with no thread group that maps, or that is not a plan, → 400 with a failed Import and its message", async () => {
    const only = read("disabled-and-unmappable-5.x.jmx").replace(
      /<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Good users"[\s\S]*?<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Switched off"/,
      '<ThreadGroup guiclass="ThreadGroupGui" testclass="ThreadGroup" testname="Switched off"',
    );
    for (const [text, message] of [
      [only, /thread group\(s\) do not make a valid scenario: Only scripts/],
      ["<jmeterTestPlan><hashTree><TestPlan testname='x'/><hashTree><ThreadGroup", /ends inside|not well-formed/],
      ["\u0000not xml", /not well-formed|empty|expected/],
    ] as const) {
      const res = await jmx.POST(upload(text, "bad.jmx"), undefined);
      const body = (await res.json()) as TBody;
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error).toMatch(message);
      const imp = await prisma.import.findUniqueOrThrow({ where: { id: body.importId } });
      expect([imp.status, imp.error]).toEqual(["failed", body.error]);
    }
    expect(await prisma.scenario.count()).toBe(0);
  });
});
