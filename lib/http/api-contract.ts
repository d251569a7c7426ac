/**
 * The API contract in one place: every route of app/api, with the zod schemas its handler (or the
 * lib function it calls) parses the request with, and the schema of each answer. The OpenAPI 3.1
 * document (GET /api/openapi.json, build-openapi-document.ts) is generated from this list, and the
 * contract test (test/api-contract.int.test.ts) checks that every route file is in it and that the
 * integration suite's answers validate against it.
 *
 * Answers: `{ data }` (dataOf), a paged list `{ data, nextCursor }` (pageOf), 204 without a body,
 * or a file (CSV, Markdown, HTML, JMX). Every operation may also answer `{ error, code, issues }`
 * (ZErrorBody) with a 4xx/5xx status.
 */
import { z } from "zod";
import { ZAgentRowOut } from "@/lib/agents/agent-response.schema";
import { ZAuditQuery } from "@/lib/audit/find-audit-logs";
import { ZAuditRowOut } from "@/lib/audit/audit-response.schema";
import { ZApiTokenInput } from "@/lib/auth/api-token.schema";
import {
  ZApiTokenCreatedOut,
  ZApiTokenRevokedOut,
  ZApiTokenRowOut,
  ZSetupDoneOut,
  ZUserDeletedOut,
  ZUserRowOut,
} from "@/lib/auth/auth-response.schema";
import { ZCreateUser } from "@/lib/auth/user.schema";
import { ZScenario } from "@/lib/engine/scenario";
import { ZFindImportsQuery } from "@/lib/imports/find-imports";
import { ZImportSummariserLogInput } from "@/lib/imports/import-summariser-log";
import { ZImportRecordOut, ZJmxImportedOut, ZJtlImportedOut, ZLogImportedOut } from "@/lib/imports/import-response.schema";
import { ZJtlUploadFields } from "@/lib/imports/jtl-upload-options";
import { ZModuleDetailOut, ZModuleRowOut } from "@/lib/modules/module-response.schema";
import { ZModuleInput, ZModuleUpdate } from "@/lib/modules/module.schema";
import { ZWebhookDeliveriesQuery } from "@/lib/notifications/find-webhook-deliveries";
import { ZWebhookDeliveryOut, ZWebhookViewOut } from "@/lib/notifications/webhook-response.schema";
import { ZWebhookInput, ZWebhookPatch } from "@/lib/notifications/webhook.schema";
import { ZProblemDetailOut, ZProblemRowOut } from "@/lib/problems/problem-response.schema";
import { ZProblemCreate, ZProblemNoteInput, ZProblemUpdate } from "@/lib/problems/problem.schema";
import {
  ZComparisonOut,
  ZManualSlowRowOut,
  ZObservationOut,
  ZReportCreatedOut,
  ZReportListRowOut,
  ZReportOut,
  ZReportReadyOut,
  ZReportRunsAddedOut,
  ZReportUpdatedOut,
} from "@/lib/reports/report-response.schema";
import {
  ZObservationInput,
  ZObservationUpdate,
  ZReportCreate,
  ZReportRunsInput,
  ZReportUpdate,
  ZSlowRowInput,
  ZSlowRowUpdate,
} from "@/lib/reports/report.schema";
import {
  ZRunAgentRowOut,
  ZRunCancelledOut,
  ZRunLabelRowOut,
  ZRunLiveOut,
  ZRunQueuedOut,
  ZRunRecordOut,
  ZRunResultsOut,
  ZRunRowOut,
  ZRunSummaryOut,
} from "@/lib/runs/run-response.schema";
import { ZEnqueueRunInput, ZFindRunsQuery, ZLiveQuery, ZResultsQuery } from "@/lib/runs/run.schema";
import {
  ZScenarioDuplicatedOut,
  ZScenarioListItemOut,
  ZScenarioRecordOut,
  ZScenarioSavedOut,
} from "@/lib/scenarios/scenario-response.schema";
import { ZFindScenariosQuery } from "@/lib/scenarios/scenario.schema";
import { ZScheduleCreatedOut, ZScheduleRowOut } from "@/lib/schedules/schedule-response.schema";
import { ZScheduleCreate, ZScheduleUpdate } from "@/lib/schedules/schedule.schema";
import { ZTargetAllowList } from "@/lib/security/target-allow-list";
import { ZAllowListOut, ZDisplayTimeZoneOut } from "@/lib/settings/setting-response.schema";
import { ZShareLinkCreatedOut, ZShareLinkRevokedOut, ZShareLinkRowOut } from "@/lib/share/share-link-response.schema";
import { dataOf, pageOf } from "./api-envelope";
import {
  ZCompareQuery,
  ZDuplicateScenarioBody,
  ZJmxExportQuery,
  ZLangQuery,
  ZLogImportQuery,
  ZMarkdownQuery,
  ZProblemsQuery,
  ZSetupBody,
  ZShareLinkBody,
  ZTimeZoneBody,
  ZUserRolePatch,
} from "./request-schemas";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type TApiMethod = (typeof API_METHODS)[number];

/** One answer: JSON with a schema, a file of a media type, or no body (204). */
export type TApiResponse =
  | { description: string; json: z.ZodType; attachment?: boolean }
  | { description: string; file: string }
  | { description: string; empty: true };

export interface TApiOperation {
  method: TApiMethod;
  /** OpenAPI template: `{name}` for the route folder `[name]`. */
  path: string;
  tag: string;
  summary: string;
  /** Who may call it when it is not a viewer read / tester write (lib/auth/access-policy.ts). */
  access?: "public" | "admin" | "session" | "any signed-in user";
  query?: z.ZodType;
  /** JSON unless `contentType` says otherwise; `optional`: the route also takes no body. */
  body?: { schema: z.ZodType; contentType?: string[]; optional?: boolean; component?: string };
  responses: Partial<Record<200 | 201 | 204, TApiResponse>>;
  /** Handled by a library with its own contract (better-auth): listed, not described. */
  external?: string;
}

const json = (description: string, schema: z.ZodType): TApiResponse => ({ description, json: dataOf(schema) });
const list = (description: string, item: z.ZodType): TApiResponse => ({ description, json: dataOf(z.array(item)) });
const empty = (description: string): TApiResponse => ({ description, empty: true });
const file = (description: string, mediaType: string): TApiResponse => ({ description, file: mediaType });

const ZReportIdAlias = "roundId is the deprecated name of reportId (accepted; reportId wins when both are given).";

/** A scenario document as POST/PUT /api/scenarios take it: the document, plus moduleId and (PUT) expectedVersion. */
const ZScenarioBody = z.union([
  ZScenario.safeExtend({ moduleId: z.string().optional(), expectedVersion: z.number().int().min(1).optional() }),
  z.object({ moduleId: z.string().optional(), expectedVersion: z.number().int().min(1).optional(), definition: ZScenario }),
]);
const SCENARIO_TYPES = ["application/json", "application/yaml", "text/yaml", "application/x-yaml"];

export const API_OPERATIONS: TApiOperation[] = [
  // health, contract
  {
    method: "GET",
    path: "/api/health",
    tag: "health",
    summary: "Liveness and database reachability (503 with an error body when the database is down).",
    access: "public",
    responses: { 200: json("Up.", z.object({ ok: z.literal(true), database: z.literal("up") })) },
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    tag: "health",
    summary: "This document (OpenAPI 3.1), generated from the contract the routes use.",
    responses: {
      200: {
        description: "The OpenAPI document itself (not in an envelope).",
        json: z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
      },
    },
  },

  // modules
  {
    method: "GET",
    path: "/api/modules",
    tag: "modules",
    summary: "Every module.",
    responses: { 200: list("Modules by name.", ZModuleRowOut) },
  },
  {
    method: "POST",
    path: "/api/modules",
    tag: "modules",
    summary: "Creates a module (409: name taken).",
    body: { schema: ZModuleInput },
    responses: { 201: json("Created.", ZModuleRowOut) },
  },
  {
    method: "GET",
    path: "/api/modules/{moduleId}",
    tag: "modules",
    summary: "One module with its interfaces and scenarios.",
    responses: { 200: json("The module.", ZModuleDetailOut) },
  },
  {
    method: "PATCH",
    path: "/api/modules/{moduleId}",
    tag: "modules",
    summary: "Renames or re-describes a module.",
    body: { schema: ZModuleUpdate },
    responses: { 200: json("Updated.", ZModuleRowOut) },
  },
  {
    method: "DELETE",
    path: "/api/modules/{moduleId}",
    tag: "modules",
    summary: "Deletes a module (409 while it still has scenarios).",
    responses: { 204: empty("Deleted.") },
  },

  // scenarios
  {
    method: "GET",
    path: "/api/scenarios",
    tag: "scenarios",
    summary: "Scenarios (base URLs masked below tester).",
    query: ZFindScenariosQuery,
    responses: { 200: list("Scenarios.", ZScenarioListItemOut) },
  },
  {
    method: "POST",
    path: "/api/scenarios",
    tag: "scenarios",
    summary: "Creates a scenario from its document, JSON or YAML (docs/scenario-format.md).",
    query: z.object({ moduleId: z.string().optional() }),
    body: { schema: ZScenarioBody, contentType: SCENARIO_TYPES, component: "ScenarioBody" },
    responses: { 201: json("Saved, version 1, with warnings that did not block saving.", ZScenarioSavedOut) },
  },
  {
    method: "GET",
    path: "/api/scenarios/{scenarioId}",
    tag: "scenarios",
    summary: "One scenario with its document (secrets masked below tester).",
    responses: { 200: json("The scenario.", ZScenarioRecordOut) },
  },
  {
    method: "PUT",
    path: "/api/scenarios/{scenarioId}",
    tag: "scenarios",
    summary: "Replaces a scenario's document (409 when expectedVersion is stale).",
    query: z.object({ moduleId: z.string().optional() }),
    body: { schema: ZScenarioBody, contentType: SCENARIO_TYPES, component: "ScenarioBody" },
    responses: { 200: json("Saved: version + 1.", ZScenarioSavedOut) },
  },
  {
    method: "DELETE",
    path: "/api/scenarios/{scenarioId}",
    tag: "scenarios",
    summary: "Deletes a scenario (its runs keep their frozen copy).",
    responses: { 204: empty("Deleted.") },
  },
  {
    method: "POST",
    path: "/api/scenarios/{scenarioId}/duplicate",
    tag: "scenarios",
    summary: "Copies a scenario (default name `X (copy)`).",
    body: { schema: ZDuplicateScenarioBody, optional: true },
    responses: { 201: json("The copy.", ZScenarioDuplicatedOut) },
  },
  {
    method: "GET",
    path: "/api/scenarios/{scenarioId}/jmx",
    tag: "scenarios",
    summary: "The scenario as a JMeter test plan (what did not carry over: X-Jmx-Report header).",
    query: ZJmxExportQuery,
    responses: { 200: file("The .jmx plan, as an attachment.", "application/xml") },
  },

  // runs
  {
    method: "GET",
    path: "/api/runs",
    tag: "runs",
    summary: "Runs, newest first (the runs page's list).",
    query: ZFindRunsQuery,
    responses: { 200: list("Runs.", ZRunRowOut) },
  },
  {
    method: "POST",
    path: "/api/runs",
    tag: "runs",
    summary: "Queues a run of 1–50 scenarios; who starts it is the authenticated caller.",
    body: { schema: ZEnqueueRunInput },
    responses: { 201: json("Queued.", ZRunQueuedOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}",
    tag: "runs",
    summary: "A run's status, timestamps, scenarios and threshold results.",
    responses: { 200: json("The run.", ZRunRecordOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/summary",
    tag: "runs",
    summary: "The run's summary (the CLI's --json shape; merged so far while running).",
    responses: { 200: json("The summary.", ZRunSummaryOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/live",
    tag: "runs",
    summary: "The live page's poll: seconds after `since`, summary lines, labels.",
    query: ZLiveQuery,
    responses: { 200: json("The live view.", ZRunLiveOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/results",
    tag: "runs",
    summary: "The results page, or a window of it.",
    query: ZResultsQuery,
    responses: { 200: json("The results.", ZRunResultsOut) },
  },
  {
    method: "POST",
    path: "/api/runs/{runId}/cancel",
    tag: "runs",
    summary: "Cancels a run (queued: at once; running: within about a second).",
    responses: { 200: json("Cancel requested.", ZRunCancelledOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/agents",
    tag: "runs",
    summary: "The agents a run ran on (empty for a run on the worker).",
    responses: { 200: list("Agents of the run.", ZRunAgentRowOut) },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/report.html",
    tag: "runs",
    summary: "The results as one self-contained HTML file.",
    query: ZLangQuery,
    responses: { 200: file("HTML, as an attachment.", "text/html") },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/labels.csv",
    tag: "runs",
    summary: "The per-label table as CSV.",
    responses: { 200: file("CSV, as an attachment.", "text/csv") },
  },
  {
    method: "GET",
    path: "/api/runs/{runId}/labels.json",
    tag: "runs",
    summary: "The per-label table as JSON.",
    responses: { 200: { description: "`{ data }`, as an attachment.", json: dataOf(z.array(ZRunLabelRowOut)), attachment: true } },
  },

  // schedules
  {
    method: "GET",
    path: "/api/schedules",
    tag: "schedules",
    summary: "Every schedule with its next start times.",
    responses: { 200: list("Schedules.", ZScheduleRowOut) },
  },
  {
    method: "POST",
    path: "/api/schedules",
    tag: "schedules",
    summary: "Creates a schedule (cron in a time zone).",
    body: { schema: ZScheduleCreate },
    responses: { 201: json("Created.", ZScheduleCreatedOut) },
  },
  {
    method: "GET",
    path: "/api/schedules/{scheduleId}",
    tag: "schedules",
    summary: "One schedule.",
    responses: { 200: json("The schedule.", ZScheduleRowOut) },
  },
  {
    method: "PATCH",
    path: "/api/schedules/{scheduleId}",
    tag: "schedules",
    summary: "Changes, pauses (`enabled: false`) or resumes a schedule.",
    body: { schema: ZScheduleUpdate },
    responses: { 200: json("Updated.", ZScheduleRowOut) },
  },
  {
    method: "DELETE",
    path: "/api/schedules/{scheduleId}",
    tag: "schedules",
    summary: "Deletes a schedule (its runs stay).",
    responses: { 204: empty("Deleted.") },
  },

  // agents
  {
    method: "GET",
    path: "/api/agents",
    tag: "agents",
    summary: "The registered load generator agents.",
    responses: { 200: list("Agents by name.", ZAgentRowOut) },
  },

  // imports
  {
    method: "GET",
    path: "/api/imports",
    tag: "imports",
    summary: "Imports, newest first, with progress.",
    query: ZFindImportsQuery,
    responses: { 200: list("Imports.", ZImportRecordOut) },
  },
  {
    method: "GET",
    path: "/api/imports/{importId}",
    tag: "imports",
    summary: "One import: status, progress, error, report.",
    responses: { 200: json("The import.", ZImportRecordOut) },
  },
  {
    method: "POST",
    path: "/api/imports/jmeter",
    tag: "imports",
    summary: `Imports a JTL (CSV or XML), streamed: multipart text fields first, then \`file\`. ${ZReportIdAlias}`,
    body: {
      schema: z.object({ ...ZJtlUploadFields.shape, file: z.string().describe("the JTL file (binary)") }),
      contentType: ["multipart/form-data"],
    },
    responses: { 201: json("Imported into a new run.", ZJtlImportedOut) },
  },
  {
    method: "POST",
    path: "/api/imports/jmeter-log",
    tag: "imports",
    summary: `Imports pasted JMeter summariser output (JSON, or the log as text/plain with the options in the query). ${ZReportIdAlias}`,
    query: ZLogImportQuery,
    body: { schema: ZImportSummariserLogInput, contentType: ["application/json", "text/plain"] },
    responses: { 201: json("Imported into a new run.", ZLogImportedOut) },
  },
  {
    method: "POST",
    path: "/api/imports/jmx",
    tag: "imports",
    summary: "Imports a JMeter test plan as scenarios: multipart `moduleId` (optional), then `file`.",
    body: {
      schema: z.object({ moduleId: z.string().optional(), file: z.string().describe("the .jmx file") }),
      contentType: ["multipart/form-data"],
    },
    responses: { 201: json("Scenarios created, with what did not carry over.", ZJmxImportedOut) },
  },

  // reports (the daily report)
  {
    method: "GET",
    path: "/api/reports",
    tag: "reports",
    summary: "Every daily report, newest day first.",
    responses: { 200: list("Reports.", ZReportListRowOut) },
  },
  {
    method: "POST",
    path: "/api/reports",
    tag: "reports",
    summary: "Creates a daily report from runs.",
    body: { schema: ZReportCreate },
    responses: { 201: json("Created.", ZReportCreatedOut) },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}",
    tag: "reports",
    summary: "A report's four sections.",
    responses: { 200: json("The report.", ZReportOut) },
  },
  {
    method: "PATCH",
    path: "/api/reports/{reportId}",
    tag: "reports",
    summary: "Changes name, date, threshold, notes or module order.",
    body: { schema: ZReportUpdate },
    responses: { 200: json("Updated.", ZReportUpdatedOut) },
  },
  {
    method: "DELETE",
    path: "/api/reports/{reportId}",
    tag: "reports",
    summary: "Deletes a report (runs and problems stay).",
    responses: { 204: empty("Deleted.") },
  },
  {
    method: "POST",
    path: "/api/reports/{reportId}/runs",
    tag: "reports",
    summary: "Adds runs to a report.",
    body: { schema: ZReportRunsInput },
    responses: { 200: json("How many were added.", ZReportRunsAddedOut) },
  },
  {
    method: "DELETE",
    path: "/api/reports/{reportId}/runs/{runId}",
    tag: "reports",
    summary: "Removes a run from a report (the run stays).",
    responses: { 204: empty("Removed.") },
  },
  {
    method: "POST",
    path: "/api/reports/{reportId}/observations",
    tag: "reports",
    summary: "Adds an observation (section 3).",
    body: { schema: ZObservationInput },
    responses: { 201: json("Created.", ZObservationOut) },
  },
  {
    method: "PATCH",
    path: "/api/reports/{reportId}/observations/{observationId}",
    tag: "reports",
    summary: "Changes an observation.",
    body: { schema: ZObservationUpdate },
    responses: { 200: json("Updated.", ZObservationOut) },
  },
  {
    method: "DELETE",
    path: "/api/reports/{reportId}/observations/{observationId}",
    tag: "reports",
    summary: "Deletes an observation.",
    responses: { 204: empty("Deleted.") },
  },
  {
    method: "POST",
    path: "/api/reports/{reportId}/slow-rows",
    tag: "reports",
    summary: "Adds a slow-list row by hand (section 2).",
    body: { schema: ZSlowRowInput },
    responses: { 201: json("Created.", ZManualSlowRowOut) },
  },
  {
    method: "PATCH",
    path: "/api/reports/{reportId}/slow-rows/{rowId}",
    tag: "reports",
    summary: "Changes a hand-entered slow-list row.",
    body: { schema: ZSlowRowUpdate },
    responses: { 200: json("Updated.", ZManualSlowRowOut) },
  },
  {
    method: "DELETE",
    path: "/api/reports/{reportId}/slow-rows/{rowId}",
    tag: "reports",
    summary: "Deletes a hand-entered slow-list row.",
    responses: { 204: empty("Deleted.") },
  },
  {
    method: "POST",
    path: "/api/reports/{reportId}/ready",
    tag: "reports",
    summary: "Marks the report ready and notifies the report.ready webhooks, once.",
    responses: { 200: json("When it was marked ready.", ZReportReadyOut) },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}/compare",
    tag: "reports",
    summary: "The report against a baseline report or run.",
    query: ZCompareQuery,
    responses: { 200: json("The comparison.", ZComparisonOut) },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}/markdown",
    tag: "reports",
    summary: "The report as Markdown.",
    query: ZMarkdownQuery,
    responses: { 200: file("Markdown (an attachment with download=1).", "text/markdown") },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}/csv",
    tag: "reports",
    summary: "Every run's per-label table as CSV.",
    responses: { 200: file("CSV with a UTF-8 BOM, as an attachment.", "text/csv") },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}/report.html",
    tag: "reports",
    summary: "The report as one self-contained HTML file.",
    query: ZLangQuery,
    responses: { 200: file("HTML, as an attachment.", "text/html") },
  },
  {
    method: "GET",
    path: "/api/reports/{reportId}/share",
    tag: "reports",
    summary: "The report's share links (never the tokens).",
    responses: { 200: list("Share links, newest first.", ZShareLinkRowOut) },
  },
  {
    method: "POST",
    path: "/api/reports/{reportId}/share",
    tag: "reports",
    summary: "Creates a share link; its URL (with the token) is in this answer only.",
    body: { schema: ZShareLinkBody, optional: true },
    responses: { 201: json("The link.", ZShareLinkCreatedOut) },
  },
  {
    method: "DELETE",
    path: "/api/reports/{reportId}/share/{linkId}",
    tag: "reports",
    summary: "Revokes a share link at once.",
    responses: { 200: json("Revoked.", ZShareLinkRevokedOut) },
  },

  // problems
  {
    method: "GET",
    path: "/api/problems",
    tag: "problems",
    summary: "Problems, filtered and sorted.",
    query: ZProblemsQuery,
    responses: { 200: list("Problems.", ZProblemRowOut) },
  },
  {
    method: "POST",
    path: "/api/problems",
    tag: "problems",
    summary: "Records a problem.",
    body: { schema: ZProblemCreate },
    responses: { 201: json("Created.", ZProblemRowOut) },
  },
  {
    method: "GET",
    path: "/api/problems/{problemId}",
    tag: "problems",
    summary: "One problem (by id or number) with its notes and edits.",
    responses: { 200: json("The problem.", ZProblemDetailOut) },
  },
  {
    method: "PATCH",
    path: "/api/problems/{problemId}",
    tag: "problems",
    summary: "Changes a problem; a status change is written to its history.",
    body: { schema: ZProblemUpdate },
    responses: { 200: json("Updated.", ZProblemRowOut) },
  },
  {
    method: "POST",
    path: "/api/problems/{problemId}/notes",
    tag: "problems",
    summary: "Adds a dated note (optionally with a status change).",
    body: { schema: ZProblemNoteInput },
    responses: { 201: json("The problem after the note.", ZProblemRowOut) },
  },

  // admin
  {
    method: "GET",
    path: "/api/admin/users",
    tag: "admin",
    summary: "Every account.",
    access: "admin",
    responses: { 200: list("Accounts.", ZUserRowOut) },
  },
  {
    method: "POST",
    path: "/api/admin/users",
    tag: "admin",
    summary: "Creates an account (audited).",
    access: "admin",
    body: { schema: ZCreateUser },
    responses: { 201: json("Created.", ZUserRowOut) },
  },
  {
    method: "PATCH",
    path: "/api/admin/users/{userId}",
    tag: "admin",
    summary: "Changes a role (never demotes the last admin).",
    access: "admin",
    body: { schema: ZUserRolePatch },
    responses: { 200: json("Updated.", ZUserRowOut) },
  },
  {
    method: "DELETE",
    path: "/api/admin/users/{userId}",
    tag: "admin",
    summary: "Deletes an account with its sessions and tokens.",
    access: "admin",
    responses: { 200: json("The deleted account.", ZUserDeletedOut) },
  },
  {
    method: "GET",
    path: "/api/admin/settings/target-allow-list",
    tag: "admin",
    summary: "The hosts, CIDRs and ports load may go to.",
    access: "admin",
    responses: { 200: json("The list.", ZAllowListOut) },
  },
  {
    method: "PUT",
    path: "/api/admin/settings/target-allow-list",
    tag: "admin",
    summary: "Replaces the target allow-list (audited).",
    access: "admin",
    body: { schema: ZTargetAllowList },
    responses: { 200: json("The list.", ZAllowListOut) },
  },
  {
    method: "GET",
    path: "/api/admin/settings/display-time-zone",
    tag: "admin",
    summary: "The installation's display time zone.",
    access: "admin",
    responses: { 200: json("The zone.", ZDisplayTimeZoneOut) },
  },
  {
    method: "PUT",
    path: "/api/admin/settings/display-time-zone",
    tag: "admin",
    summary: "Sets the installation's zone (null: the server's TZ).",
    access: "admin",
    body: { schema: ZTimeZoneBody },
    responses: { 200: json("The zone.", ZDisplayTimeZoneOut) },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks",
    tag: "admin",
    summary: "Webhooks (secrets never returned, URL credentials cut).",
    access: "admin",
    responses: { 200: list("Webhooks.", ZWebhookViewOut) },
  },
  {
    method: "POST",
    path: "/api/admin/webhooks",
    tag: "admin",
    summary: "Creates a webhook (its host must be on the webhook allow-list).",
    access: "admin",
    body: { schema: ZWebhookInput },
    responses: { 201: json("Created.", ZWebhookViewOut) },
  },
  {
    method: "PATCH",
    path: "/api/admin/webhooks/{webhookId}",
    tag: "admin",
    summary: "Changes a webhook (`secret: null` removes it).",
    access: "admin",
    body: { schema: ZWebhookPatch },
    responses: { 200: json("Updated.", ZWebhookViewOut) },
  },
  {
    method: "DELETE",
    path: "/api/admin/webhooks/{webhookId}",
    tag: "admin",
    summary: "Deletes a webhook with its delivery log.",
    access: "admin",
    responses: { 204: empty("Deleted.") },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/allow-list",
    tag: "admin",
    summary: "The hosts, CIDRs and ports webhooks may go to.",
    access: "admin",
    responses: { 200: json("The list.", ZAllowListOut) },
  },
  {
    method: "PUT",
    path: "/api/admin/webhooks/allow-list",
    tag: "admin",
    summary: "Replaces the webhook allow-list (audited).",
    access: "admin",
    body: { schema: ZTargetAllowList },
    responses: { 200: json("The list.", ZAllowListOut) },
  },
  {
    method: "GET",
    path: "/api/admin/webhooks/deliveries",
    tag: "admin",
    summary: "The delivery log, newest first.",
    access: "admin",
    query: ZWebhookDeliveriesQuery,
    responses: { 200: list("Deliveries.", ZWebhookDeliveryOut) },
  },
  {
    method: "GET",
    path: "/api/admin/audit",
    tag: "admin",
    summary: "The audit log, newest first; pass nextCursor as `before` for the next page.",
    access: "admin",
    query: ZAuditQuery,
    responses: { 200: { description: "A page of entries.", json: pageOf(ZAuditRowOut) } },
  },

  // account, tokens, set-up
  {
    method: "GET",
    path: "/api/account/time-zone",
    tag: "account",
    summary: "The zone your pages use.",
    access: "any signed-in user",
    responses: { 200: json("The zone.", ZDisplayTimeZoneOut) },
  },
  {
    method: "PUT",
    path: "/api/account/time-zone",
    tag: "account",
    summary: "Sets your own zone (null follows the installation's).",
    access: "any signed-in user",
    body: { schema: ZTimeZoneBody },
    responses: { 200: json("The zone.", ZDisplayTimeZoneOut) },
  },
  {
    method: "GET",
    path: "/api/tokens",
    tag: "account",
    summary: "Your API tokens (never the secrets).",
    access: "session",
    responses: { 200: list("Tokens.", ZApiTokenRowOut) },
  },
  {
    method: "POST",
    path: "/api/tokens",
    tag: "account",
    summary: "A new API token; the secret is in this answer only.",
    access: "session",
    body: { schema: ZApiTokenInput },
    responses: { 201: json("Created.", ZApiTokenCreatedOut) },
  },
  {
    method: "DELETE",
    path: "/api/tokens/{tokenId}",
    tag: "account",
    summary: "Revokes your token (admins: anyone's).",
    access: "session",
    responses: { 200: json("The revoked token.", ZApiTokenRevokedOut) },
  },
  {
    method: "POST",
    path: "/api/setup",
    tag: "account",
    summary: "Creates the first admin with the one-time link `npm start` printed.",
    access: "public",
    body: { schema: ZSetupBody },
    responses: { 201: json("Created.", ZSetupDoneOut) },
  },
  {
    method: "GET",
    path: "/api/auth/{path}",
    tag: "account",
    summary: "better-auth's endpoints (session, sign-out …): see better-auth's documentation.",
    access: "public",
    external: "better-auth",
    responses: { 200: { description: "better-auth's answer.", json: z.unknown() } },
  },
  {
    method: "POST",
    path: "/api/auth/{path}",
    tag: "account",
    summary: "better-auth's endpoints (sign-in/email, sign-out, change-password …): see better-auth's documentation.",
    access: "public",
    external: "better-auth",
    responses: { 200: { description: "better-auth's answer.", json: z.unknown() } },
  },
];

/** The operation a method and concrete path (`/api/runs/abc/live`) is, or undefined. Literal segments beat parameters. */
export function findApiOperation(method: string, pathname: string): TApiOperation | undefined {
  const segments = pathname.replace(/\/+$/, "").split("/");
  let best: { op: TApiOperation; literals: number } | undefined;
  for (const op of API_OPERATIONS) {
    if (op.method !== method.toUpperCase()) continue;
    const template = op.path.split("/");
    // `{path}` of the better-auth catch-all takes the rest.
    const catchAll = op.external !== undefined;
    if (catchAll ? segments.length < template.length : segments.length !== template.length) continue;
    let literals = 0;
    const matches = template.every((part, i) => {
      if (part.startsWith("{")) return segments[i] !== "";
      if (part === segments[i]) return ++literals > 0;
      return false;
    });
    if (matches && (!best || literals > best.literals)) best = { op, literals };
  }
  return best?.op;
}
