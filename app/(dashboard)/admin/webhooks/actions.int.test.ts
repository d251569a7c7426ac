/**
 * Admin → Webhooks' server actions on a real PostgreSQL: an admin sets the webhook allow-list and
 * adds, pauses and deletes a webhook (allow-listed and audited in lib, the same answers as the API);
 * a tester or viewer is refused by the action itself.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as webhooksRoute from "@/app/api/admin/webhooks/route";
import { actorToHeaders, type TActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { getWebhookAllowList } from "@/lib/notifications/get-webhook-allow-list";
import { resetDatabase } from "@/test/reset-db";
import { createWebhookAction, deleteWebhookAction, updateWebhookAction, updateWebhookAllowListAction } from "./actions";
import { expectRouteAnswer } from "@/test/route-answer";

// getActor() reads the headers proxy.ts sets; revalidatePath needs Next's request store.
const state = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.actor ? actorToHeaders(state.actor) : {}) }));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));

const as = (role: TActor["role"]) => {
  state.actor = { id: null, role, name: role, via: "session" };
};
const hook = (url: string) => ({ name: "ops", format: "slack", url, secret: null, events: ["run.finished"] });

describe("Admin → Webhooks server actions", () => {
  beforeEach(async () => {
    state.actor = null; // audit rows name the actor, whose user row is gone after the reset
    await resetDatabase();
    revalidatePath.mockClear();
  });

  it("an admin allow-lists loopback, adds, pauses and deletes a webhook, audited", async () => {
    as("admin");
    expect(await updateWebhookAllowListAction({ hosts: [], cidrs: ["127.0.0.0/8"], ports: [] })).toEqual({
      data: { hosts: [], cidrs: ["127.0.0.0/8"], ports: [] },
    });
    const created = await createWebhookAction(hook("http://127.0.0.1:9/hook"));
    expect(created).toMatchObject({ data: { name: "ops", format: "slack", enabled: true, events: ["run.finished"], hasSecret: false } });
    const id = (created as { data: { id: string } }).data.id;
    expect(revalidatePath).toHaveBeenCalledWith("/admin/webhooks");

    expect(await updateWebhookAction(id, { enabled: false })).toMatchObject({ data: { id, enabled: false } });
    expect((await prisma.webhook.findUniqueOrThrow({ where: { id } })).enabled).toBe(false);
    expect(await deleteWebhookAction(id)).toEqual({ data: { id } });
    expect(await prisma.webhook.count()).toBe(0);
    expect(await deleteWebhookAction(id)).toEqual({ error: "Webhook not found.", issues: [] });

    const audit = await prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["settings.webhookAllowList.update", "webhook.create", "webhook.update", "webhook.delete"]);
  });

  it("a host off the allow-list is refused with the API's reason, and nothing is added", async () => {
    as("admin");
    const input = hook("https://chat.example.invalid/hook");
    const refused = await createWebhookAction(input);
    await expectRouteAnswer(refused, webhooksRoute.POST, { method: "POST", url: "http://localhost/api/admin/webhooks", body: input }, 400);
    expect(refused).toMatchObject({ error: expect.stringContaining("not on the webhook allow-list"), issues: [{ path: "url" }] });
    expect(await prisma.webhook.count()).toBe(0);
  });

  it.each(["tester", "viewer"] as const)("a %s is refused by every action, and nothing changes", async (role) => {
    const existing = await prisma.webhook.create({
      data: { name: "keep", format: "json", url: "http://127.0.0.1:9/keep", events: ["run.finished"], enabled: true },
    });
    const before = await getWebhookAllowList();
    as(role);
    const refused = { error: `This needs the admin role; you are ${role}.`, issues: [] };
    expect(await updateWebhookAllowListAction({ hosts: ["evil.example"], cidrs: ["0.0.0.0/0"], ports: [] })).toEqual(refused);
    expect(await createWebhookAction(hook("http://127.0.0.1:9/hook"))).toEqual(refused);
    expect(await updateWebhookAction(existing.id, { enabled: false })).toEqual(refused);
    expect(await deleteWebhookAction(existing.id)).toEqual(refused);
    expect(await getWebhookAllowList()).toEqual(before);
    expect(await prisma.webhook.findMany()).toMatchObject([{ id: existing.id, enabled: true }]);
    expect(await prisma.auditLog.count()).toBe(0);
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
