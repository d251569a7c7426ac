import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetReportTables } from "@/test/report-fixtures";
import { POST as postShare } from "./[reportId]/share/route";

// `next start` hands route handlers a request.url on http://localhost:<PORT> whatever the browser
// or client used; the share URL must be the address people can open.
const INTERNAL = "http://localhost:3000";

async function shareUrl(headers: Record<string, string>): Promise<string> {
  const round = await prisma.report.create({ data: { name: `r ${Math.random()}`, date: new Date("2026-11-21") } });
  const response = await postShare(new Request(`${INTERNAL}/api/reports/${round.id}/share`, { method: "POST", headers }), {
    params: Promise.resolve({ reportId: round.id }),
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { data: { url: string } };
  return body.data.url;
}

describe("share URLs from the REST API", () => {
  beforeEach(resetReportTables);
  afterEach(() => vi.unstubAllEnvs());

  it("use the Host the client called", async () => {
    vi.stubEnv("BETTER_AUTH_URL", "");
    expect(await shareUrl({ host: "server.lan:3000" })).toMatch(/^http:\/\/server\.lan:3000\/share\/[A-Za-z0-9_-]{20,}$/);
  });

  it("use the forwarded host and protocol behind a reverse proxy", async () => {
    vi.stubEnv("BETTER_AUTH_URL", "");
    expect(await shareUrl({ host: "127.0.0.1:3000", "x-forwarded-host": "mp.example.test", "x-forwarded-proto": "https" })).toMatch(
      /^https:\/\/mp\.example\.test\/share\/[A-Za-z0-9_-]{20,}$/,
    );
  });

  it("use the configured public URL (BETTER_AUTH_URL) first", async () => {
    vi.stubEnv("BETTER_AUTH_URL", "https://perf.example.test");
    expect(await shareUrl({ host: "server.lan:3000" })).toMatch(/^https:\/\/perf\.example\.test\/share\/[A-Za-z0-9_-]{20,}$/);
  });
});
