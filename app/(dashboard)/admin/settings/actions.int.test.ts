/**
 * Admin → Settings' server actions on a real PostgreSQL: an admin replaces the target allow-list and
 * sets the installation's display zone (audited, the same answers as the API routes); a tester or
 * viewer is refused by the action itself.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as allowListRoute from "@/app/api/admin/settings/target-allow-list/route";
import { actorToHeaders, type TActor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { forgetInstallationTimeZone, getInstallationTimeZone } from "@/lib/settings/get-display-time-zone";
import { resetDatabase } from "@/test/reset-db";
import { setInstallationTimeZoneAction, updateTargetAllowListAction } from "./actions";
import { expectRouteAnswer } from "@/test/route-answer";

// getActor() reads the headers proxy.ts sets; revalidatePath needs Next's request store.
const state = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(state.actor ? actorToHeaders(state.actor) : {}) }));
const revalidatePath = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath }));

const as = (role: TActor["role"]) => {
  state.actor = { id: null, role, name: role, via: "session" };
};

describe("Admin → Settings server actions", () => {
  beforeEach(async () => {
    state.actor = null; // audit rows name the actor, whose user row is gone after the reset
    await resetDatabase();
    forgetInstallationTimeZone();
    revalidatePath.mockClear();
  });

  it("an admin replaces the target allow-list (audited) with the API's answers for a bad port", async () => {
    as("admin");
    const bad = { hosts: [], cidrs: ["127.0.0.0/8"], ports: [70000] };
    const refused = await updateTargetAllowListAction(bad);
    await expectRouteAnswer(
      refused,
      allowListRoute.PUT,
      { method: "PUT", url: "http://localhost/api/admin/settings/target-allow-list", body: bad },
      400,
    );
    expect(refused).toMatchObject({ error: expect.stringMatching(/Ports are 1–65535/) });

    const saved = await updateTargetAllowListAction({ hosts: ["api.example.test", "api.example.test"], cidrs: [], ports: [8443, 443] });
    expect(saved).toEqual({ data: { hosts: ["api.example.test"], cidrs: [], ports: [443, 8443] } });
    expect(await getTargetAllowList()).toEqual({ hosts: ["api.example.test"], cidrs: [], ports: [443, 8443] });
    expect(revalidatePath).toHaveBeenCalledWith("/admin/settings");
    expect(await prisma.auditLog.count({ where: { action: "settings.targetAllowList.update" } })).toBe(1);
  });

  it("an admin sets the installation's zone and back to the server's; every page is revalidated", async () => {
    as("admin");
    expect(await setInstallationTimeZoneAction({ timeZone: "Asia/Shanghai" })).toEqual({
      data: { timeZone: "Asia/Shanghai", source: "installation" },
    });
    expect(revalidatePath).toHaveBeenCalledWith("/", "layout");
    expect(await getInstallationTimeZone()).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });
    // An unknown zone comes back with field issues (the form words it "not a time zone").
    const unknown = await setInstallationTimeZoneAction({ timeZone: "Mars/Olympus" });
    expect(unknown).toMatchObject({ error: expect.stringMatching(/unknown time zone/), issues: [{ path: "" }] });
    // The API's body schema: { timeZone } and nothing else.
    const misnamed = await setInstallationTimeZoneAction({ zone: "UTC" });
    expect("error" in misnamed && misnamed.issues.length).toBeGreaterThan(0);
    expect(await getInstallationTimeZone()).toEqual({ timeZone: "Asia/Shanghai", source: "installation" });
    expect(await setInstallationTimeZoneAction({ timeZone: null })).toMatchObject({ data: { source: "server" } });
    expect(await prisma.auditLog.count({ where: { action: "settings.display_time_zone" } })).toBe(2);
  });

  it.each(["tester", "viewer"] as const)("a %s is refused, and nothing changes", async (role) => {
    const before = await getTargetAllowList();
    as(role);
    const refused = { error: `This needs the admin role; you are ${role}.`, issues: [] };
    expect(await updateTargetAllowListAction({ hosts: ["evil.example"], cidrs: ["0.0.0.0/0"], ports: [] })).toEqual(refused);
    expect(await setInstallationTimeZoneAction({ timeZone: "Asia/Tokyo" })).toEqual(refused);
    expect(await getTargetAllowList()).toEqual(before);
    forgetInstallationTimeZone();
    expect((await getInstallationTimeZone()).source).toBe("server");
    expect(await prisma.auditLog.count()).toBe(0);
    expect(revalidatePath).not.toHaveBeenCalled();
  });
});
