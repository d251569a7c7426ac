"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { issuesByField, isActionError, type TActionResult } from "@/app/_lib/action-result";
import { FormAlert, FormDialogFooter } from "@/app/_components/ui/form-dialog";
import { Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import type { TScheduleRow } from "@/lib/schedules/schedule.schema";
import { createScheduleAction, updateScheduleAction } from "./actions";

export interface TScenarioOption {
  id: string;
  name: string;
  module: string;
}

/** Zones offered in the picker; any IANA name may be typed. */
const COMMON_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Singapore",
  "Asia/Tokyo",
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
];

/** "name=value" lines → launch parameters (values stay strings; the run reads them as JMeter's -J would). */
function parseVariables(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) out[trimmed] = "";
    else out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return Object.keys(out).length ? out : undefined;
}

function formatVariables(v: TScheduleRow["variables"]): string {
  return v
    ? Object.entries(v)
        .map(([k, x]) => `${k}=${String(x)}`)
        .join("\n")
    : "";
}

/**
 * Create or edit a schedule. Validation is the server's (the same zod schema as the API, cron read
 * by croner); its field issues are shown under the fields.
 */
export function ScheduleForm({
  schedule,
  scenarios,
  onDone,
  onCancel,
}: {
  schedule?: TScheduleRow;
  scenarios: TScenarioOption[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("schedules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const id = useId();
  const [name, setName] = useState(schedule?.name ?? "");
  const [cron, setCron] = useState(schedule?.cron ?? "0 9 * * 1-5");
  const [timeZone, setTimeZone] = useState(schedule?.timeZone ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"));
  const [scenarioIds, setScenarioIds] = useState<string[]>(schedule?.scenarioIds ?? []);
  const [variables, setVariables] = useState(formatVariables(schedule?.variables ?? null));
  const [catchUp, setCatchUp] = useState(schedule?.catchUp ?? false);
  const [reportName, setReportName] = useState(schedule?.report?.name ?? "");
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();

  const toggle = (scenarioId: string) =>
    setScenarioIds((ids) => (ids.includes(scenarioId) ? ids.filter((x) => x !== scenarioId) : [...ids, scenarioId]));

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const vars = parseVariables(variables);
      const values = {
        name,
        cron,
        timeZone,
        scenarioIds,
        catchUp,
        variables: schedule ? (vars ?? null) : vars,
        report: reportName.trim() ? { name: reportName } : schedule ? null : undefined,
      };
      let result: TActionResult<{ id: string; name: string }>;
      try {
        result = schedule ? await updateScheduleAction(schedule.id, values) : await createScheduleAction(values);
      } catch {
        result = { error: common("unexpectedError"), issues: [] };
      }
      if (isActionError(result)) {
        const byField = issuesByField(result.issues.map((i) => ({ ...i, path: i.path.split(".")[0]! })));
        setFieldErrors(byField);
        setFormError(result.issues.length > 0 ? undefined : result.error);
        return;
      }
      toast(t(schedule ? "updated" : "created", { name: result.data.name }));
      onDone();
    });
  };

  const field = (key: string) => ({
    "aria-invalid": fieldErrors[key] ? true : undefined,
    "aria-describedby": `${id}-${key}-msg`,
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={isPending} className="space-y-4">
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-name`}>{t("form.name")}</Label>
        <Input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t("form.namePlaceholder")}
          autoComplete="off"
          autoFocus
          {...field("name")}
        />
        <FieldMessage id={`${id}-name-msg`} error={Boolean(fieldErrors.name)}>
          {fieldErrors.name ?? t("form.nameHint")}
        </FieldMessage>
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[1fr_12rem]">
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-cron`}>{t("form.cron")}</Label>
          <Input
            id={`${id}-cron`}
            value={cron}
            onChange={(e) => setCron(e.target.value)}
            className="font-mono"
            autoComplete="off"
            spellCheck={false}
            {...field("cron")}
          />
          <FieldMessage id={`${id}-cron-msg`} error={Boolean(fieldErrors.cron)}>
            {fieldErrors.cron ?? t("form.cronHint")}
          </FieldMessage>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor={`${id}-timeZone`}>{t("form.timeZone")}</Label>
          <Input
            id={`${id}-timeZone`}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            list={`${id}-zones`}
            autoComplete="off"
            spellCheck={false}
            {...field("timeZone")}
          />
          <datalist id={`${id}-zones`}>
            {COMMON_ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <FieldMessage id={`${id}-timeZone-msg`} error={Boolean(fieldErrors.timeZone)}>
            {fieldErrors.timeZone ?? t("form.timeZoneHint")}
          </FieldMessage>
        </div>
      </div>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-zinc-800">{t("form.scenarios")}</legend>
        {scenarios.length === 0 ? (
          <p className="text-sm text-zinc-500">{t("form.noScenarios")}</p>
        ) : (
          <div className="max-h-40 space-y-1 overflow-y-auto rounded-md border border-zinc-200 p-2" {...field("scenarioIds")}>
            {scenarios.map((s) => (
              <label key={s.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={scenarioIds.includes(s.id)}
                  onChange={() => toggle(s.id)}
                  className="size-4 accent-sky-600"
                />
                <span className="text-zinc-500">{s.module}</span>
                <span className="text-zinc-300">/</span>
                <span className="text-zinc-900">{s.name}</span>
              </label>
            ))}
          </div>
        )}
        <FieldMessage id={`${id}-scenarioIds-msg`} error={Boolean(fieldErrors.scenarioIds)}>
          {fieldErrors.scenarioIds ?? t("form.scenariosHint")}
        </FieldMessage>
      </fieldset>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-variables`}>
          {t("form.variables")} <span className="font-normal text-zinc-400">({common("optional")})</span>
        </Label>
        <Textarea
          id={`${id}-variables`}
          value={variables}
          onChange={(e) => setVariables(e.target.value)}
          rows={3}
          className="font-mono"
          placeholder="users=200"
          spellCheck={false}
          {...field("variables")}
        />
        <FieldMessage id={`${id}-variables-msg`} error={Boolean(fieldErrors.variables)}>
          {fieldErrors.variables ?? t("form.variablesHint")}
        </FieldMessage>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-report`}>
          {t("form.report")} <span className="font-normal text-zinc-400">({common("optional")})</span>
        </Label>
        <Input
          id={`${id}-report`}
          value={reportName}
          onChange={(e) => setReportName(e.target.value)}
          placeholder={t("form.reportPlaceholder")}
          autoComplete="off"
          {...field("report")}
        />
        <FieldMessage id={`${id}-report-msg`} error={Boolean(fieldErrors.report)}>
          {fieldErrors.report ?? t("form.reportHint")}
        </FieldMessage>
      </div>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" checked={catchUp} onChange={(e) => setCatchUp(e.target.checked)} className="mt-0.5 size-4 accent-sky-600" />
        <span>
          <span className="font-medium text-zinc-800">{t("form.catchUp")}</span>
          <span className="block text-xs text-zinc-500">{t("form.catchUpHint")}</span>
        </span>
      </label>
      <FormDialogFooter onCancel={onCancel} isPending={isPending} submitLabel={schedule ? common("save") : common("create")} />
    </form>
  );
}
