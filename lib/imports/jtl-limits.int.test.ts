/** JTL content the database cannot hold is refused in the user's terms, never with PostgreSQL's words. */
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { resetDatabase } from "@/test/reset-run-db";
import { importJtlFile } from "./import-jtl-file";

const HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency";
const row = (ts: number | string, label: string, thread = "Group 1-1") => `${ts},12,${label},200,OK,${thread},text,true,100,1,1,10`;
const csv = (...rows: string[]) => Readable.from([`${HEADER}\n${rows.join("\n")}\n`]);
const xml = (ts: number, label: string) =>
  Readable.from([
    `<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n<httpSample t="12" lt="10" ts="${ts}" s="true" lb="${label}" rc="200" rm="OK" tn="Group 1-1" by="100"/>\n</testResults>\n`,
  ]);

/** Words of PostgreSQL / Prisma that must never reach the user. */
const INTERNALS = /index row|btree|out of range for type|integer|prisma|invalid .* value|P20\d\d|constraint/i;

describe("JTL limits", () => {
  beforeEach(resetDatabase);

  it("refuses a label too long for the index, naming the label and the limit", async () => {
    // Incompressible (PostgreSQL compresses index entries: 70 kB of one letter would fit).
    const long = `/search?q=xxx${randomBytes(50_000).toString("base64url")}`;
    for (const stream of [csv(row(1_700_000_000_000, "/ok"), row(1_700_000_000_100, long)), xml(1_700_000_000_000, long)]) {
      const r = await importJtlFile(stream, { fileName: "long-label.jtl" });
      expect(r.status).toBe("failed");
      expect(r.error).toMatch(/label/i);
      expect(r.error).toMatch(/2,000 bytes/);
      expect(r.error).toContain("/search?q=xxx");
      expect(r.error).not.toMatch(INTERNALS);
    }
    expect(await prisma.run.count()).toBe(0);
  });

  it("accepts a label just under the limit (2,000 bytes of UTF-8, multi-byte characters counted as bytes)", async () => {
    const label = "é".repeat(1000); // 2,000 bytes
    const r = await importJtlFile(csv(row(1_700_000_000_000, label)), { fileName: "ok.jtl" });
    expect(r.error).toBeNull();
    expect(r.status).toBe("completed");
    // Both at their limits and incompressible: the index entry still fits.
    const atLimit = randomBytes(1500).toString("base64url"); // 2,000 characters
    const group = randomBytes(375).toString("base64url"); // 500 characters
    const r2 = await importJtlFile(csv(row(1_700_000_000_000, atLimit, `${group} 1-1`)), { fileName: "ok2.jtl" });
    expect(r2.error).toBeNull();
  });

  it("refuses timestamps outside what the run's seconds can hold, with the date range in words", async () => {
    // Year 2286 and year 5138 in epoch ms, a negative stamp, and a stamp in seconds (not ms) that is fine.
    for (const ts of [9_999_999_999_999, 99_999_999_999_999, -5_000]) {
      for (const stream of [csv(row(1_700_000_000_000, "/a"), row(ts, "/b")), xml(ts, "/b")]) {
        const r = await importJtlFile(stream, { fileName: "ts.jtl" });
        expect(r.status, String(ts)).toBe("failed");
        expect(r.error).toMatch(/timeStamp/);
        expect(r.error).toMatch(/1970-01-01/);
        expect(r.error).toMatch(/2038-01-19/);
        expect(r.error).not.toMatch(INTERNALS);
      }
    }
    expect(await prisma.run.count()).toBe(0);
  });

  it("refuses a thread group name too long to be a module", async () => {
    const r = await importJtlFile(csv(row(1_700_000_000_000, "/a", `${randomBytes(4000).toString("base64url")} 1-1`)), {
      fileName: "group.jtl",
    });
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/module/i);
    expect(r.error).not.toMatch(INTERNALS);
  });
});
