"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { issuesByField, isActionError } from "@/app/_lib/action-result";
import { Badge, RUN_STATUS_TONE } from "@/app/_components/ui/badge";
import { FormAlert, FormDialogFooter, NewItemButton } from "@/app/_components/ui/form-dialog";
import { Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { useToast } from "@/app/_components/ui/toast";
import type { TCandidateRun } from "@/lib/reports/find-candidate-runs";
import { createReportAction } from "./actions";

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** "New report": name, day, and the runs of the round (ticked in the order they should appear). */
export function NewReportButton({ runs }: { runs: TCandidateRun[] }) {
  const t = useTranslations("reports");
  return (
    <NewItemButton label={t("new")} title={t("createTitle")} description={t("createDescription")} className="max-w-2xl">
      {(close) => <NewReportForm runs={runs} onCancel={close} />}
    </NewItemButton>
  );
}

function NewReportForm({ runs, onCancel }: { runs: TCandidateRun[]; onCancel: () => void }) {
  const t = useTranslations("reports");
  const common = useTranslations("common");
  const tr = useTranslations("runs");
  const format = useFormatter();
  const formatTime = useFormatTime();
  const router = useRouter();
  const { toast } = useToast();
  const id = useId();
  const [date, setDate] = useState(today);
  const [name, setName] = useState(() => `${t("defaultName")} ${today()}`);
  const [selected, setSelected] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [isPending, startTransition] = useTransition();

  const toggle = (runId: string) => setSelected((all) => (all.includes(runId) ? all.filter((x) => x !== runId) : [...all, runId]));

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createReportAction({ name, date, runIds: selected }).catch(() => ({
        error: common("unexpectedError"),
        issues: [],
      }));
      if (isActionError(result)) {
        setErrors(issuesByField(result.issues));
        setFormError(result.error);
        return;
      }
      toast(t("created", { name }));
      router.push(`/reports/${result.data.id}`);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="grid grid-cols-[1fr_11rem] gap-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-name`}>{t("form.name")}</Label>
          <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={Boolean(errors.name)} required />
          {errors.name ? (
            <FieldMessage id={`${id}-name-error`} error>
              {errors.name}
            </FieldMessage>
          ) : null}
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-date`}>{t("form.date")}</Label>
          <Input
            id={`${id}-date`}
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={Boolean(errors.date)}
            required
          />
          {errors.date ? (
            <FieldMessage id={`${id}-date-error`} error>
              {errors.date}
            </FieldMessage>
          ) : null}
        </div>
      </div>
      <fieldset className="mt-5">
        <legend className="text-sm font-medium text-zinc-800">
          {t("form.runs")} <span className="font-normal text-zinc-500">· {t("form.runsHint", { count: selected.length })}</span>
        </legend>
        {runs.length === 0 ? (
          <p className="mt-2 rounded-md border border-dashed border-zinc-300 px-3 py-4 text-sm text-zinc-500">{t("form.noRuns")}</p>
        ) : (
          <ul className="mt-2 max-h-72 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200">
            {runs.map((run) => {
              const order = selected.indexOf(run.id);
              return (
                <li key={run.id}>
                  <label className="flex cursor-pointer items-center gap-3 px-3 py-2 text-sm hover:bg-zinc-50">
                    <input
                      type="checkbox"
                      checked={order >= 0}
                      onChange={() => toggle(run.id)}
                      className="size-4 accent-[var(--color-accent)]"
                      aria-label={run.name}
                    />
                    <span className="w-5 text-right font-mono text-xs text-zinc-400">{order >= 0 ? order + 1 : ""}</span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-zinc-900">{run.name}</span>
                      <span className="block truncate text-xs text-zinc-500">{run.modules.join(" · ") || t("form.noModules")}</span>
                    </span>
                    <span className="font-mono text-xs text-zinc-500 tabular-nums">{format.number(run.samples)}</span>
                    <span className="w-28 text-right text-xs whitespace-nowrap text-zinc-500">
                      {formatTime(run.startedAt ?? run.createdAt, "dateTime", { zone: true })}
                    </span>
                    <Badge tone={RUN_STATUS_TONE[run.status] ?? "neutral"}>
                      {run.source === "engine" ? tr(`status.${run.status}`) : tr(`source.${run.source}`)}
                    </Badge>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        {errors.runIds ? (
          <FieldMessage id={`${id}-runs-error`} error>
            {errors.runIds}
          </FieldMessage>
        ) : null}
      </fieldset>
      {formError && Object.keys(errors).length === 0 ? <FormAlert className="mt-4">{formError}</FormAlert> : null}
      <FormDialogFooter onCancel={onCancel} isPending={isPending} submitLabel={t("createSubmit")} />
    </form>
  );
}
