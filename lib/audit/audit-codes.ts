/**
 * The words of the audit log (AuditLog.action, targetType and the keys of `details`) as catalogues
 * of codes without parameters (lib/i18n/coded-messages.ts): the audit page shows
 * messages/<locale>.json `auditLog.actions|targets|keys.<code>` and keeps the stored code beside it;
 * the values of `details` are data (names, ids, times) and are shown as stored. A code missing here
 * shows as stored; lib/audit/audit-codes.test.ts checks that every action the code records is here.
 * An error in `details` is worded by its import error code when it has one (errorCode / errorParams).
 */
import { entry, none } from "@/lib/i18n/coded-messages";

const word = (en: string) => entry(none, () => en);

/** Action codes have dots ("run.start"); a message key cannot: `actionKey` maps one to the other. */
export const AUDIT_ACTIONS = {
  run_start: word("Started a run"),
  run_cancel: word("Cancelled a run"),
  scenario_create: word("Created a scenario"),
  scenario_update: word("Edited a scenario"),
  scenario_duplicate: word("Duplicated a scenario"),
  scenario_delete: word("Deleted a scenario"),
  module_delete: word("Deleted a module"),
  schedule_create: word("Created a schedule"),
  schedule_update: word("Edited a schedule"),
  schedule_delete: word("Deleted a schedule"),
  schedule_pause: word("Paused a schedule"),
  schedule_resume: word("Resumed a schedule"),
  schedule_fire: word("A schedule started a run"),
  schedule_skip: word("A schedule skipped missed times"),
  schedule_fail: word("A schedule could not start its run"),
  share_create: word("Created a share link"),
  share_revoke: word("Revoked a share link"),
  report_ready: word("Marked a report ready"),
  import_create: word("Imported a file"),
  webhook_create: word("Created a webhook"),
  webhook_update: word("Edited a webhook"),
  webhook_delete: word("Deleted a webhook"),
  settings_targetAllowList_update: word("Changed the target allow-list"),
  settings_webhookAllowList_update: word("Changed the webhook allow-list"),
  settings_display_time_zone: word("Changed the display time zone"),
  user_create: word("Created a user"),
  user_role: word("Changed a user's role"),
  user_delete: word("Deleted a user"),
  token_create: word("Created an API token"),
  token_revoke: word("Revoked an API token"),
} as const;

export const AUDIT_TARGETS = {
  run: word("run"),
  scenario: word("scenario"),
  module: word("module"),
  schedule: word("schedule"),
  round: word("report"),
  report: word("report"),
  import: word("import"),
  webhook: word("webhook"),
  setting: word("setting"),
  user: word("user"),
  apiToken: word("API token"),
} as const;

export const AUDIT_KEYS = {
  name: word("name"),
  email: word("email"),
  role: word("role"),
  via: word("via"),
  cron: word("cron"),
  timeZone: word("time zone"),
  scenarioIds: word("scenarios"),
  scenarios: word("scenarios"),
  overrides: word("overrides"),
  changed: word("changed"),
  fields: word("fields"),
  missed: word("missed"),
  from: word("from"),
  to: word("to"),
  dueAt: word("due at"),
  runId: word("run"),
  late: word("late"),
  skipped: word("skipped"),
  error: word("error"),
  linkId: word("link"),
  round: word("report"),
  expiresAt: word("expires"),
  version: word("version"),
  format: word("format"),
  events: word("events"),
  status: word("status"),
  kind: word("kind"),
  samples: word("samples"),
  rows: word("rows"),
  hosts: word("hosts"),
  cidrs: word("CIDRs"),
  ports: word("ports"),
} as const;

/** Stored values that are words, not data: `via` of the first admin. */
export const AUDIT_VALUES = {
  setup_link: word("setup link"),
} as const;

/** "run.start" → "run_start", the key of AUDIT_ACTIONS and of messages `auditLog.actions`. */
export function actionKey(action: string): string {
  return action.replace(/\./g, "_");
}

/** "setup link" → "setup_link". */
export function valueKey(value: string): string {
  return value.replace(/ /g, "_");
}

/** details keys the page does not list: the error's code and parameters word `error` instead. */
export const HIDDEN_DETAIL_KEYS = new Set(["errorCode", "errorParams"]);
