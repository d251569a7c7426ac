import { expect, test } from "@playwright/test";
import { E2E_BOOTSTRAP_TOKEN } from "./e2e-env";
import { uniqueName } from "./helpers";

test.describe("modules JSON API", () => {
  // A machine client: no browser session, an API token instead.
  test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { authorization: `Bearer ${E2E_BOOTSTRAP_TOKEN}` } });

  test("refuses anonymous clients with 401", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: {},
      storageState: { cookies: [], origins: [] },
    });
    const res = await anonymous.get("/api/modules");
    expect(res.status()).toBe(401);
    expect((await res.json()).error).toBeTruthy();
    await anonymous.dispose();
  });

  test("CRUD with readable 4xx answers for bad input", async ({ request }) => {
    const name = uniqueName("api");

    const created = await request.post("/api/modules", { data: { name, description: "via API" } });
    expect(created.status()).toBe(201);
    const { data: module } = await created.json();
    expect(module).toMatchObject({ name, description: "via API", interfaceCount: 0 });

    const list = await request.get("/api/modules");
    expect(list.status()).toBe(200);
    expect((await list.json()).data.map((m: { name: string }) => m.name)).toContain(name);

    const duplicate = await request.post("/api/modules", { data: { name } });
    expect(duplicate.status()).toBe(409);
    expect(await duplicate.json()).toMatchObject({
      error: `A module named "${name}" already exists.`,
      issues: [{ path: "name" }],
    });

    const invalid = await request.post("/api/modules", { data: { name: "" } });
    expect(invalid.status()).toBe(400);
    expect((await invalid.json()).issues).toEqual([{ path: "name", message: "Name is required." }]);

    const badJson = await request.post("/api/modules", {
      headers: { "content-type": "application/json" },
      data: Buffer.from("{not json"),
    });
    expect(badJson.status()).toBe(400);
    expect((await badJson.json()).error).toMatch(/not valid JSON/);

    const tooBig = await request.post("/api/modules", { data: { name: "big", description: "x".repeat(1_100_000) } });
    expect(tooBig.status()).toBe(413);

    const patched = await request.patch(`/api/modules/${module.id}`, { data: { description: "patched" } });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).data).toMatchObject({ name, description: "patched" });

    const one = await request.get(`/api/modules/${module.id}`);
    expect((await one.json()).data).toMatchObject({ id: module.id, interfaces: [], scenarios: [] });

    expect((await request.delete(`/api/modules/${module.id}`)).status()).toBe(204);
    const gone = await request.get(`/api/modules/${module.id}`);
    expect(gone.status()).toBe(404);
    expect((await gone.json()).code).toBe("NOT_FOUND");
    expect((await request.patch(`/api/modules/${module.id}`, { data: { name: "x" } })).status()).toBe(404);
    expect((await request.delete(`/api/modules/${module.id}`)).status()).toBe(404);
  });
});
