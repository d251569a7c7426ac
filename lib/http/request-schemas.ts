/**
 * Request schemas of routes whose input no lib function parses (the lib call takes already-typed
 * values): the route handlers parse with these, and lib/http/api-contract.ts publishes them, so the
 * OpenAPI document and the handler cannot disagree.
 */
import { z } from "zod";
import { ZEmail, ZPassword, ZUserName } from "@/lib/auth/user.schema";

/** PUT /api/account/time-zone and PUT /api/admin/settings/display-time-zone. */
export const ZTimeZoneBody = z.strictObject({ timeZone: z.string().nullable() });

/** PATCH /api/admin/users/:id — the role itself is checked by updateUserRole (ZRole). */
export const ZUserRolePatch = z.object({ role: z.unknown() });

/** GET /api/problems — `status` may repeat (?status=open&status=in_progress). */
export const ZProblemsQuery = z.object({
  status: z.array(z.string()).optional(),
  open: z.enum(["true", "false"]).optional(),
  severity: z.string().optional(),
  moduleId: z.string().optional(),
  runId: z.string().optional(),
  reportId: z.string().optional(),
  q: z.string().optional(),
  sort: z.string().optional(),
});

/** GET /api/reports/:id/compare — exactly one baseline. */
export const ZCompareQuery = z
  .object({ baselineReportId: z.string().min(1).optional(), baselineRunId: z.string().min(1).optional() })
  .refine((q) => Boolean(q.baselineReportId) !== Boolean(q.baselineRunId), {
    error: "Give exactly one of baselineReportId or baselineRunId.",
  });

/** POST /api/reports/:id/share (body optional) — the days are checked by createShareLink (1…90, default 7). */
export const ZShareLinkBody = z.strictObject({ expiresInDays: z.unknown().optional() });

/** POST /api/scenarios/:id/duplicate (body optional). */
export const ZDuplicateScenarioBody = z.object({ name: z.string().optional() });

/** POST /api/setup — the one-time token `npm start` printed, and the first admin. */
export const ZSetupBody = z.object({
  token: z.string({ error: "The set-up token is missing." }).min(1).max(200),
  email: ZEmail,
  name: ZUserName,
  password: ZPassword,
});

/** ?lang= of the file downloads (default: the UI language: NEXT_LOCALE cookie, then Accept-Language). */
export const ZLangQuery = z.object({ lang: z.enum(["zh-CN", "en"]).optional() });

/** GET /api/reports/:id/markdown — `download=1`: as an attachment. */
export const ZMarkdownQuery = ZLangQuery.extend({ download: z.string().optional() });

/** GET /api/scenarios/:id/jmx — `jmeter=2.13` for an old JMeter; else a JMeter 3+ plan. */
export const ZJmxExportQuery = z.object({ jmeter: z.string().optional() });

/** POST /api/imports/jmeter-log with a text/plain body: the options travel in the query. */
export const ZLogImportQuery = z.object({
  module: z.string().optional(),
  reportId: z.string().optional(),
  /** Deprecated alias of reportId. */
  roundId: z.string().optional(),
  name: z.string().optional(),
});
