/**
 * Scenario reads mask secrets for those who may not edit: GET /api/scenarios/:id and the list, as
 * a viewer (session or API token) or with no known actor, carry no credential; a tester, who edits
 * through the API, reads what is stored. Handlers are called as Next calls them, with the actor
 * headers proxy.ts sets, against a real database.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { actorToHeaders, type TActor } from "@/lib/auth/actor";
import { createTestModule } from "@/test/run-fixtures";
import { resetDatabase } from "@/test/reset-run-db";
import { MASK } from "@/lib/security/mask-secrets";
import * as scenarios from "./route";
import * as scenario from "./[scenarioId]/route";

const SECRETS = ["s3cr3t-bearer", "k3y-in-header", "hunter2-form", "url-pa55", "n3sted-token", "c00kie-value", "p4ram-default"];

const DOC = {
  name: "secretive",
  baseUrl: "http://admin:url-pa55@127.0.0.1:9",
  variables: { apiPassword: "${__P(password,p4ram-default)}" },
  load: { vus: 1, durationSeconds: 1 },
  init: [{ request: { name: "login", method: "POST", path: "/session", form: { user: "u", password: "hunter2-form" } } }],
  steps: [
    {
      request: {
        name: "me",
        path: "/me",
        headers: { Authorization: "Bearer s3cr3t-bearer", "X-Api-Key": "k3y-in-header", Cookie: "sid=c00kie-value" },
      },
    },
    { loop: { count: 2, steps: [{ request: { name: "item", path: "/item", headers: { "X-Auth-Token": "n3sted-token" } } }] } },
  ],
};

const viewer: TActor = { id: null, role: "viewer", name: "Vera Viewer", via: "session" };
const viewerToken: TActor = { ...viewer, via: "token" };
const tester: TActor = { id: null, role: "tester", name: "Tom Tester", via: "token" };

const req = (path: string, actor: TActor | null, init: RequestInit = {}) =>
  new Request(`http://localhost/api${path}`, {
    ...init,
    headers: { ...(actor ? actorToHeaders(actor) : {}), ...(init.headers as Record<string, string> | undefined) },
  });
const p = (scenarioId: string) => ({ params: Promise.resolve({ scenarioId }) });

async function createSecretive(): Promise<string> {
  const mod = await createTestModule("secrets");
  const res = await scenarios.POST(
    req("/scenarios", tester, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...DOC, moduleId: mod.id }),
    }),
    undefined,
  );
  const body = ((await res.json()) as { data: { id: string } }).data;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.id;
}

describe("scenario secrets in read paths", () => {
  beforeEach(resetDatabase);

  for (const [who, actor] of [
    ["a viewer", viewer],
    ["a viewer's API token", viewerToken],
    ["no known actor", null],
  ] as const) {
    it(`${who}: GET /api/scenarios/:id and the list carry no secret`, async () => {
      const id = await createSecretive();
      const one = await scenario.GET(req(`/scenarios/${id}`, actor), p(id));
      expect(one.status).toBe(200);
      const text = await one.text();
      for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
      expect(text).toContain(MASK);
      // Not masked away wholesale: what is no secret still reads.
      const record = (
        JSON.parse(text) as { data: { definition: { steps: { request?: { headers?: Record<string, string> } }[]; baseUrl: string } } }
      ).data;
      expect(record.definition.steps[0]?.request?.headers?.Authorization).toBe(`Bearer ${MASK}`);
      expect(record.definition.baseUrl).toBe(`http://admin:${MASK}@127.0.0.1:9`);

      const list = await scenarios.GET(req("/scenarios", actor), undefined);
      expect(list.status).toBe(200);
      const listText = await list.text();
      expect(listText).toContain("secretive");
      for (const secret of SECRETS) expect(listText, secret).not.toContain(secret);
    });
  }

  it("a tester (who edits through the API) reads the stored values", async () => {
    const id = await createSecretive();
    const text = await (await scenario.GET(req(`/scenarios/${id}`, tester), p(id))).text();
    for (const secret of SECRETS) expect(text, secret).toContain(secret);
    const list = await (await scenarios.GET(req("/scenarios", tester), undefined)).text();
    expect(list).toContain("url-pa55");
  });
});
