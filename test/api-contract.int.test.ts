/**
 * The API contract (lib/http/api-contract.ts, published as GET /api/openapi.json):
 * (a) every app/api/**\/route.ts and each HTTP method it exports is in the OpenAPI document, and the
 *     document lists no route that does not exist;
 * (b) answers validate against the document — every route call of the integration suite is checked
 *     by test/check-api-answers.ts; here, that the check itself tells a wrong shape from a right one
 *     and that the routes outside withRoute (health) keep the contract too.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_METHODS } from "@/lib/http/api-contract";
import { resetDatabase } from "./reset-run-db";
import { contractViolation, openApiDocument, routeTemplate } from "./api-contract-check";

const API_DIR = path.resolve(import.meta.dirname, "../app/api");

/** Every route file under app/api with its path template. */
function routeFiles(dir = API_DIR): { file: string; template: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [{ file: full, template: routeTemplate(full)! }] : [];
  });
}

describe("API contract", () => {
  it("(a) every route file and every method it exports is in the OpenAPI document, and nothing else is", async () => {
    const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(50);
    const inCode: string[] = [];
    for (const { file, template } of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = API_METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${template} exports no handler`).toBeGreaterThan(0);
      for (const m of methods) inCode.push(`${m} ${template}`);
    }
    const inDocument = Object.entries(paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(inDocument.sort()).toEqual(inCode.sort());
  });

  it("(b) the check refuses an answer the contract does not describe and accepts one it does", () => {
    const answer = (status: number, body: unknown, method = "GET", url = "http://localhost/api/runs") => ({
      method,
      url,
      status,
      contentType: "application/json",
      body: body === undefined ? "" : JSON.stringify(body),
    });
    expect(contractViolation(answer(200, { data: [] }))).toBeNull();
    // The old shapes of #16: a named list, a bare record, a key beside data.
    expect(contractViolation(answer(200, { runs: [] }))).toMatch(/GET \/api\/runs → 200: .*(data|runs)/);
    expect(contractViolation(answer(201, { id: "r1", status: "queued" }, "POST"))).toMatch(/POST \/api\/runs → 201/);
    expect(contractViolation(answer(201, { data: { id: "r1", status: "queued" } }, "POST"))).toBeNull();
    expect(contractViolation(answer(201, { id: "p1", data: {} }, "POST", "http://localhost/api/problems"))).not.toBeNull();
    // A status the operation does not have, a route that is not in the contract, an error body.
    expect(contractViolation(answer(200, { data: { id: "r1", status: "queued" } }, "POST"))).toMatch(/no 200 answer/);
    expect(contractViolation(answer(200, { data: [] }, "GET", "http://localhost/api/nope"))).toMatch(/no operation/);
    expect(
      contractViolation(answer(404, { error: "Run x not found.", code: "NOT_FOUND", issues: [] }, "GET", "http://localhost/api/runs/x")),
    ).toBeNull();
    expect(contractViolation(answer(404, { message: "not found" }, "GET", "http://localhost/api/runs/x"))).not.toBeNull();
    // A record with a field the contract does not list, or without one it requires.
    const row = {
      id: "m",
      name: "n",
      description: "",
      createdAt: "2026-12-06T00:00:00.000Z",
      updatedAt: "2026-12-06T00:00:00.000Z",
      interfaceCount: 0,
      scenarioCount: 0,
    };
    const modules = (body: unknown) => answer(200, body, "GET", "http://localhost/api/modules");
    expect(contractViolation(modules({ data: [row] }))).toBeNull();
    expect(contractViolation(modules({ data: [{ ...row, secret: "x" }] }))).toMatch(/secret/);
    const { name: _, ...nameless } = row;
    expect(contractViolation(modules({ data: [nameless] }))).toMatch(/name/);
  });

  it("(b) health and the document itself answer as the contract says", async () => {
    await resetDatabase();
    const health = await import("@/app/api/health/route");
    const res = await health.GET();
    expect(res.status).toBe(200);
    expect(
      contractViolation({
        method: "GET",
        url: "http://localhost/api/health",
        status: res.status,
        contentType: res.headers.get("content-type"),
        body: await res.text(),
      }),
    ).toBeNull();

    const openapi = await import("@/app/api/openapi.json/route");
    const doc = (await (await openapi.GET(new Request("http://localhost/api/openapi.json"), undefined)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/runs/{runId}/live"]).toBeDefined();
  });
});
