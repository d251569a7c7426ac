import { beforeEach, describe, expect, it } from "vitest";
import { findAuditLogs } from "@/lib/audit/find-audit-logs";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { getTargetAllowList } from "@/lib/security/get-target-allow-list";
import { DEFAULT_TARGET_ALLOW_LIST } from "@/lib/security/target-allow-list";
import { updateTargetAllowList } from "@/lib/security/update-target-allow-list";
import { createShareLink } from "@/lib/share/create-share-link";
import { findShareLinks } from "@/lib/share/find-share-links";
import { resolveShareLink } from "@/lib/share/resolve-share-link";
import { revokeShareLink } from "@/lib/share/revoke-share-link";
import { sha256Hex } from "@/lib/auth/token-hash";
import { AppError } from "@/lib/errors";
import { resetAllTables } from "./auth-helpers";

async function round() {
  return prisma.report.create({ data: { name: "峰值脚本压测", date: new Date("2026-11-21") } });
}

describe("share links", () => {
  beforeEach(resetAllTables);

  it("resolve to their one report, store only the hash, and stop working when revoked", async () => {
    const r = await round();
    const { token, path, link } = await createShareLink({ reportId: r.id });
    expect(path).toBe(`/share/${token}`);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = await prisma.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toBe(sha256Hex(token));
    expect(await resolveShareLink(token)).toMatchObject({ reportId: r.id, linkId: link.id });
    // One character changed (to another one: a token may end in "A" already, 1 run in 64).
    expect(await resolveShareLink(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await resolveShareLink("../../etc/passwd")).toBeNull();
    await revokeShareLink(link.id);
    expect(await resolveShareLink(token)).toBeNull();
    expect((await findShareLinks(r.id))[0]).toMatchObject({ isActive: false });
    expect((await findAuditLogs({ action: "share." })).map((a) => a.action)).toEqual(["share.revoke", "share.create"]);
  });

  it("expire", async () => {
    const r = await round();
    const created = new Date("2026-11-01T00:00:00Z");
    const { token } = await createShareLink({ reportId: r.id, expiresInDays: 2 }, created);
    expect(await resolveShareLink(token, new Date("2026-11-02T23:59:59Z"))).not.toBeNull();
    expect(await resolveShareLink(token, new Date("2026-11-03T00:00:00Z"))).toBeNull();
  });

  it("refuse unknown reports and silly lifetimes", async () => {
    await expect(createShareLink({ reportId: "nope" })).rejects.toThrow(/not found/);
    const r = await round();
    await expect(createShareLink({ reportId: r.id, expiresInDays: 10_000 })).rejects.toThrow(/at most 90 days/);
  });
});

describe("target allow-list setting", () => {
  beforeEach(resetAllTables);

  it("defaults to loopback, saves a validated list, audits the change", async () => {
    expect(await getTargetAllowList()).toEqual(DEFAULT_TARGET_ALLOW_LIST);
    await updateTargetAllowList({
      hosts: ["api.staging.example.com", "api.staging.example.com"],
      cidrs: ["10.20.0.0/16"],
      ports: [8443, 80],
    });
    expect(await getTargetAllowList()).toEqual({ hosts: ["api.staging.example.com"], cidrs: ["10.20.0.0/16"], ports: [80, 8443] });
    await expect(updateTargetAllowList({ cidrs: ["10.0.0.0/99"] })).rejects.toThrow();
    const [entry] = await findAuditLogs();
    expect(entry).toMatchObject({ action: "settings.targetAllowList.update", actorName: "system" });
  });

  it("falls back to loopback when the stored value is corrupt", async () => {
    await prisma.setting.create({ data: { key: "targetAllowList", value: { cidrs: "everything" } } });
    expect(await getTargetAllowList()).toEqual(DEFAULT_TARGET_ALLOW_LIST);
  });
});

describe("audit log", () => {
  beforeEach(resetAllTables);

  it("records the actor and masks secrets in details", async () => {
    await recordAudit({
      action: "scenario.update",
      targetType: "scenario",
      targetId: "s1",
      details: { headers: { Authorization: "Bearer abc" }, name: "login" },
      actor: { id: null, role: "tester", name: "张伟", via: "token" },
    });
    const [row] = await findAuditLogs();
    expect(row).toMatchObject({ actorName: "张伟", action: "scenario.update", targetId: "s1" });
    expect(JSON.stringify(row!.details)).not.toContain("abc");
  });
});

describe("assert…TargetsAllowed (what scenario saves, launches and the worker call)", () => {
  beforeEach(resetAllTables);

  it("refuses a non-allowed host at save and at run time, with the host and how to allow it", async () => {
    const { assertScenarioTargetsAllowed, assertRunTargetsAllowed } = await import("@/lib/security/assert-targets-allowed");
    const local = { name: "ok", baseUrl: "http://127.0.0.1:8080", steps: [{ request: { path: "/x" } }] };
    const remote = { name: "prod", baseUrl: "https://api.prod.example.com", steps: [{ request: { path: "/x" } }] };
    await expect(assertScenarioTargetsAllowed(local)).resolves.toBeUndefined();
    const saved = await assertScenarioTargetsAllowed(remote).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(saved).toBeInstanceOf(AppError);
    expect(saved!.code).toBe("INVALID_INPUT");
    expect(saved!.message).toMatch(/api\.prod\.example\.com.*\/admin\/settings/);
    expect(saved!.issues[0]!.path).toBe("baseUrl");
    await expect(assertRunTargetsAllowed([local])).resolves.toBeUndefined();
    // localhost is on the default list and resolves to loopback; allowed at run time too.
    await expect(assertRunTargetsAllowed([{ ...local, baseUrl: "http://localhost:9" }])).resolves.toBeUndefined();
    await expect(assertRunTargetsAllowed([local, remote])).rejects.toThrow(/api\.prod\.example\.com/);
    await updateTargetAllowList({ hosts: ["api.prod.example.com"], cidrs: ["127.0.0.0/8"], ports: [] });
    await expect(assertScenarioTargetsAllowed(remote)).resolves.toBeUndefined();
  });
});
