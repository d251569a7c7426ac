import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorToHeaders } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { GET } from "./route";

// requireRole reads the actor from the headers proxy.ts sets.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(actorToHeaders({ id: null, role: "admin", name: "admin", via: "bootstrap" })),
}));

const page = async (query: string) =>
  (await (await GET(new Request(`http://localhost/api/admin/audit?${query}`), undefined)).json()) as {
    data: { id: string; targetId: string }[];
    nextCursor: string | null;
  };

describe("GET /api/admin/audit pages by a cursor", () => {
  beforeEach(async () => {
    await prisma.auditLog.deleteMany();
  });

  it("answers { data, nextCursor }: nextCursor as `before` gives the next page, null after the last", async () => {
    for (const n of [1, 2, 3, 4, 5]) await recordAudit({ action: "test.page", targetType: "test", targetId: String(n), actor: null });
    const first = await page("action=test.&limit=2");
    expect(first.data.map((r) => r.targetId)).toEqual(["5", "4"]);
    expect(first.nextCursor).toBe(first.data[1]!.id);
    const second = await page(`action=test.&limit=2&before=${first.nextCursor}`);
    expect(second.data.map((r) => r.targetId)).toEqual(["3", "2"]);
    const last = await page(`action=test.&limit=2&before=${second.nextCursor}`);
    expect(last.data.map((r) => r.targetId)).toEqual(["1"]);
    expect(last.nextCursor).toBeNull();
  });
});
