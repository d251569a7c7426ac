/**
 * The four kinds of stored message a zh-CN reader saw in English (run errors, webhook delivery
 * errors, JMX import reasons, audit details) are stored with their codes, read back by the API and
 * shown in Chinese; what came from outside (an engine's exception, undici's error, a plan's names)
 * stays as written, as data. Rows written before codes still show their English.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import * as runRoute from "@/app/api/runs/[runId]/route";
import * as deliveriesRoute from "@/app/api/admin/webhooks/deliveries/route";
import * as importRoute from "@/app/api/imports/[importId]/route";
import { AuditAction, AuditDetails, AuditTarget } from "@/app/(dashboard)/admin/audit/audit-words";
import { JmxReport } from "@/app/(dashboard)/imports/jmx-report";
import { findAuditLogs } from "@/lib/audit/find-audit-logs";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorToHeaders } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import type { TImportRecord } from "@/lib/imports/get-import";
import { importJmxPlan } from "@/lib/imports/import-jmx";
import { importJtlFile } from "@/lib/imports/import-jtl-file";
import type { TJmxImportReport } from "@/lib/jmeter/jmx/import-jmx";
import { deliverDueWebhooks } from "@/lib/notifications/deliver-due-webhooks";
import type { TWebhookDeliveryView } from "@/lib/notifications/find-webhook-deliveries";
import { updateWebhookAllowList } from "@/lib/notifications/update-webhook-allow-list";
import { finalizeRun } from "@/lib/runs/finalize-run";
import type { TRunRecord } from "@/lib/runs/get-run-by-id";
import { runError } from "@/lib/runs/run-error-codes";
import { resetAllTables } from "@/test/auth-helpers";
import { Readable } from "node:stream";
import { CodedText } from "./coded-message";

const root = path.join(import.meta.dirname, "../..");
const messages = (locale: string) =>
  JSON.parse(readFileSync(path.join(root, "messages", `${locale}.json`), "utf8")) as Record<string, unknown>;
const BASE = "http://localhost/api";

// The admin routes read the actor from the request headers proxy.ts sets.
vi.mock("next/headers", () => ({
  headers: async () => new Headers(actorToHeaders({ id: null, role: "admin", name: "admin", via: "bootstrap" })),
}));

function inLocale(locale: string, element: React.ReactElement): string {
  return renderToStaticMarkup(
    createElement(
      NextIntlClientProvider,
      { locale, timeZone: "UTC", messages: messages(locale) } as Parameters<typeof NextIntlClientProvider>[0],
      element,
    ),
  );
}
/** What a reader sees as prose: the page's words, with data (<code>) left out. */
const prose = (html: string) =>
  html
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&[a-z#0-9]+;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
/** The data shown as written. */
const data = (html: string) => [...html.matchAll(/<code[^>]*>([\s\S]*?)<\/code>/g)].map((m) => m[1]);
/** English prose words that must not reach a zh-CN reader (names like JMeter, HTTP, Webhook are allowed). */
const ENGLISH = /\b(the|is|not|was|were|became|imported|failed|attempt|of|with|error|stopped|dropped|seconds?)\b/i;

async function json<T>(response: Response): Promise<T> {
  const body = (await response.json()) as { data?: T };
  return (body.data ?? body) as T;
}

describe("stored messages in the reader's language", () => {
  beforeEach(resetAllTables);

  it("a run error: Run.error keeps English and codes, the API returns both, zh-CN words them; an old row shows its English", async () => {
    const run = await prisma.run.create({ data: { name: "night", status: "running", scenarios: [], startedAt: new Date() } });
    await finalizeRun(run.id, {
      status: "failed",
      errors: [runError("engine_failed", { detail: "ECONNRESET: socket hang up" }), runError("metrics_dropped", { seconds: 4 })],
    });
    const rec = await json<TRunRecord>(
      await runRoute.GET(new Request(`${BASE}/runs/${run.id}`), {
        params: Promise.resolve({ runId: run.id }),
      }),
    );
    expect(rec.error).toBe("ECONNRESET: socket hang up; 4 second(s) of metrics dropped during a long database outage");
    expect(rec.errorParts).toEqual([
      { code: "engine_failed", params: { detail: "ECONNRESET: socket hang up" } },
      { code: "metrics_dropped", params: { seconds: 4 } },
    ]);
    const zh = inLocale("zh-CN", createElement(CodedText, { namespace: "runErrors", text: rec.error!, parts: rec.errorParts }));
    expect(prose(zh)).toBe("引擎出错： ；数据库长时间不可用，丢弃了 4 秒的指标数据");
    expect(data(zh)).toEqual(["ECONNRESET: socket hang up"]);
    expect(prose(zh)).not.toMatch(ENGLISH);
    const en = inLocale("en", createElement(CodedText, { namespace: "runErrors", text: rec.error!, parts: rec.errorParts }));
    expect(prose(en)).toBe("the engine failed: ; 4 second(s) of metrics dropped during a long database outage");

    const old = "the worker running it stopped (crash or kill); data up to its last written second is kept";
    await prisma.run.update({ where: { id: run.id }, data: { error: old } });
    const before = await json<TRunRecord>(
      await runRoute.GET(new Request(`${BASE}/runs/${run.id}`), {
        params: Promise.resolve({ runId: run.id }),
      }),
    );
    expect([before.error, before.errorParts]).toEqual([old, null]);
    expect(prose(inLocale("zh-CN", createElement(CodedText, { namespace: "runErrors", text: before.error!, parts: null })))).toBe(old);
  });

  it("a webhook delivery error: each attempt line is coded, undici's own words are data", async () => {
    // A port nothing listens on: the attempt fails in undici with ECONNREFUSED.
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await updateWebhookAllowList({ hosts: [], cidrs: ["127.0.0.0/8"], ports: [] });
    const hook = await prisma.webhook.create({
      data: { name: "down", format: "json", url: `http://127.0.0.1:${port}/hook`, events: ["run.failed"] },
    });
    await prisma.webhookDelivery.create({ data: { webhookId: hook.id, event: "run.failed", subjectId: "r1", payload: {} } });
    await deliverDueWebhooks();
    const [row] = await json<TWebhookDeliveryView[]>(
      await deliveriesRoute.GET(new Request(`${BASE}/admin/webhooks/deliveries`), undefined),
    );
    // The payload {} is not a payload: refused for good, without a request.
    expect(row!.lastError).toBe("attempt 1 of 5: The stored payload is not readable.");
    expect(row!.lastErrorLines).toEqual([
      {
        text: row!.lastError,
        parts: [
          { code: "attempt", params: { attempt: 1, max: 5 } },
          { code: "payload_unreadable", params: {} },
        ],
      },
    ]);

    // A real run.failed delivery (finalizeRun enqueues it): the attempt reaches undici and fails there.
    await prisma.webhookDelivery.deleteMany();
    const run = await prisma.run.create({ data: { name: "night", status: "running", scenarios: [], startedAt: new Date() } });
    await finalizeRun(run.id, { status: "failed", errors: [runError("worker_stopped", {})] });
    expect(await deliverDueWebhooks()).toMatchObject({ attempted: 1, retrying: 1 });
    const stored = await prisma.webhookDelivery.findFirstOrThrow({ select: { lastError: true, payload: true } });
    const [line] = (
      await json<TWebhookDeliveryView[]>(await deliveriesRoute.GET(new Request(`${BASE}/admin/webhooks/deliveries`), undefined))
    )[0]!.lastErrorLines;
    expect(stored.lastError!.startsWith(line!.text)).toBe(true);
    const parts = line!.parts as TCodedMessage[];
    expect(parts.map((p) => p.code)).toEqual(["attempt", "network"]);
    expect(String(parts[1]!.params.detail)).toMatch(/ECONNREFUSED/);
    const zh = inLocale("zh-CN", createElement(CodedText, { namespace: "webhookErrors", text: line!.text, parts, separator: "：" }));
    expect(prose(zh)).toBe("第 1 次尝试（共 5 次）：网络错误：");
    expect(data(zh)[0]).toMatch(/ECONNREFUSED/);
  });

  it("a JMX import report: every reason is worded in Chinese from the stored report, plan content as data", async () => {
    const text = readFileSync(path.join(root, "lib/jmeter/jmx/fixtures/mix-controllers-5.x.jmx"), "utf8");
    const r = await importJmxPlan({ text, fileName: "mix.jmx" });
    const rec = await json<TImportRecord>(
      await importRoute.GET(new Request(`${BASE}/imports/${r.importId}`), {
        params: Promise.resolve({ importId: r.importId }),
      }),
    );
    const report = rec.report as unknown as TJmxImportReport;
    const items = [...report.skipped, ...report.approximated];
    expect(items.length).toBeGreaterThan(3);
    for (const i of items) expect(i.parts?.length, i.reason).toBeGreaterThan(0);
    const zh = inLocale("zh-CN", createElement(JmxReport, { report }));
    const zhProse = prose(zh);
    expect(zhProse).toMatch(/[\u4e00-\u9fff]/);
    for (const i of items) expect(zhProse).not.toContain(i.reason);
    // Element classes, paths and plan values stay as written; the reasons' own English does not appear.
    expect(zhProse.replace(/\b(JMeter|Musterpoint|HTTP|VU|OR|If|Test Action|CSV|URL|JSON)\b/g, "")).not.toMatch(
      /\b(became|imported|is not|the children|was used)\b/,
    );
    // An item stored before codes (no parts) shows its English.
    const old: TJmxImportReport = {
      skipped: [{ element: "X", path: "Plan/x", line: 3, reason: "disabled in the plan" }],
      approximated: [],
    };
    expect(prose(inLocale("zh-CN", createElement(JmxReport, { report: old })))).toContain("disabled in the plan");
  });

  it("an audit line: action, target and detail keys worded, values as data, an import error worded by its code", async () => {
    const failed = await importJtlFile(Readable.from([Buffer.alloc(0)]), { fileName: "empty.jtl" });
    expect(failed.errorCode).toBe("file_empty");
    await recordAudit({
      action: "import.create",
      targetType: "import",
      targetId: failed.importId,
      details: {
        kind: "jtl",
        status: failed.status,
        samples: 0,
        error: failed.error,
        errorCode: failed.errorCode,
        errorParams: failed.errorParams,
      },
      actor: null,
    });
    await recordAudit({
      action: "user.create",
      targetType: "user",
      targetId: "u1",
      details: { email: "a@b.c", role: "admin", via: "setup link" },
      actor: null,
    });
    const [user, imp] = await findAuditLogs();
    const zhImport = inLocale(
      "zh-CN",
      createElement(
        "div",
        null,
        createElement(AuditAction, { action: imp!.action }),
        createElement(AuditTarget, { targetType: imp!.targetType }),
        createElement(AuditDetails, { details: imp!.details }),
      ),
    );
    // The stored action code stays beside its words, as data; jsonb keeps its own key order.
    expect(prose(zhImport)).toBe("导入文件 导入类型： 错误：文件是空的状态： 样本数：");
    expect(data(zhImport)).toEqual(["import.create", "jtl", "failed", "0"]);
    const zhUser = inLocale("zh-CN", createElement(AuditDetails, { details: user!.details }));
    expect(prose(zhUser)).toBe("方式：初始设置链接角色： 邮箱：");
    expect(prose(zhUser)).not.toMatch(ENGLISH);
  });
});
