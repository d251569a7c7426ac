"use client";

import { useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, useTransition } from "react";
import { issuesByField, isActionError } from "@/app/_lib/action-result";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { Dialog } from "@/app/_components/ui/dialog";
import { FormAlert, FormDialogFooter, NewItemButton } from "@/app/_components/ui/form-dialog";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { PROBLEM_STATUSES, SEVERITIES, type TProblemDetail } from "@/lib/problems/problem.types";
import { PROBLEM_SEVERITY_TONE, PROBLEM_STATUS_TONE } from "@/app/(dashboard)/reports/_components/problem-tones";
import { createProblemAction, getProblemAction, updateProblemAction } from "./actions";
import { ProblemEditForm, type TModuleOption } from "./problem-edit-form";

export function NewProblemButton() {
  const t = useTranslations("problems");
  return (
    <NewItemButton label={t("new")} title={t("createTitle")} description={t("createDescription")}>
      {(close) => <NewProblemForm onDone={close} />}
    </NewItemButton>
  );
}

function NewProblemForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations("problems");
  const tsev = useTranslations("problems.severity");
  const common = useTranslations("common");
  const { toast } = useToast();
  const id = useId();
  const [values, setValues] = useState({ title: "", description: "", severity: "major", owner: "", note: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createProblemAction({ ...values, owner: values.owner || undefined, note: values.note || undefined });
      if (isActionError(result)) {
        setErrors({ ...issuesByField(result.issues), form: result.error });
        return;
      }
      toast(t("created", { number: result.data.number }));
      onDone();
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-title`}>{t("form.title")}</Label>
        <Input
          id={`${id}-title`}
          value={values.title}
          onChange={set("title")}
          aria-invalid={Boolean(errors.title)}
          placeholder={t("form.titlePlaceholder")}
        />
        {errors.title ? (
          <FieldMessage id={`${id}-title-e`} error>
            {errors.title}
          </FieldMessage>
        ) : null}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-description`}>{t("form.description")}</Label>
        <Textarea id={`${id}-description`} rows={3} value={values.description} onChange={set("description")} />
      </div>
      <div className="grid grid-cols-2 gap-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-severity`}>{t("form.severity")}</Label>
          <select id={`${id}-severity`} value={values.severity} onChange={set("severity")} className={cn(FIELD_CLASS, "h-9")}>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {tsev(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={`${id}-owner`}>{t("form.owner")}</Label>
          <Input id={`${id}-owner`} value={values.owner} onChange={set("owner")} />
        </div>
      </div>
      {errors.form && !errors.title ? <FormAlert>{errors.form}</FormAlert> : null}
      <FormDialogFooter onCancel={onDone} isPending={isPending} submitLabel={common("create")} />
    </form>
  );
}

/** A problem's details and dated history; edit it, or change its status with a note. */
export function ProblemDialog({ problemId, modules, onClose }: { problemId?: string; modules: TModuleOption[]; onClose: () => void }) {
  const t = useTranslations("problems");
  const ts = useTranslations("problems.status");
  const tsev = useTranslations("problems.severity");
  const tf = useTranslations("problems.fields");
  const common = useTranslations("common");
  const formatTime = useFormatTime();
  const router = useRouter();
  const { toast } = useToast();
  const [problem, setProblem] = useState<TProblemDetail>();
  const [status, setStatus] = useState("");
  const [note, setNote] = useState("");
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();

  useEffect(() => {
    if (!problemId) return;
    let live = true;
    void getProblemAction(problemId).then((result) => {
      if (!live) return;
      if (isActionError(result)) setError(result.error);
      else {
        setProblem(result.data);
        setStatus(result.data.status);
        setNote("");
        setError(undefined);
      }
    });
    return () => {
      live = false;
      setProblem(undefined);
      setIsEditing(false);
    };
  }, [problemId]);

  const onSave = (event: React.FormEvent) => {
    event.preventDefault();
    if (!problem) return;
    startTransition(async () => {
      const result = await updateProblemAction(problem.id, { status, note: note || undefined });
      if (isActionError(result)) {
        setError(result.error);
        return;
      }
      toast(t("saved", { number: problem.number }));
      const fresh = await getProblemAction(problem.id);
      if (!isActionError(fresh)) setProblem(fresh.data);
      setNote("");
      router.refresh();
    });
  };

  const onEdited = () => {
    if (!problem) return;
    startTransition(async () => {
      toast(t("saved", { number: problem.number }));
      const fresh = await getProblemAction(problem.id);
      if (!isActionError(fresh)) setProblem(fresh.data);
      setIsEditing(false);
      router.refresh();
    });
  };
  // Notes and edits in one dated history, newest first.
  const history = problem
    ? [
        ...problem.notes.map((n) => ({ kind: "note" as const, at: n.createdAt, key: n.id, note: n })),
        ...problem.edits.map((e, i) => ({ kind: "edit" as const, at: e.at, key: `edit-${i}`, edit: e })),
      ].sort((a, b) => b.at.localeCompare(a.at))
    : [];

  return (
    <Dialog
      open={Boolean(problemId)}
      onOpenChange={(o) => (o ? undefined : onClose())}
      title={problem ? `#${problem.number} ${problem.title}` : t("loading")}
      className="max-w-xl"
    >
      {problem ? (
        <div className="flex flex-col gap-4">
          <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-500">
            <Badge tone={PROBLEM_STATUS_TONE[problem.status]}>{ts(problem.status)}</Badge>
            <Badge tone={PROBLEM_SEVERITY_TONE[problem.severity]}>{tsev(problem.severity)}</Badge>
            {problem.report ? <span>{t("firstReportedIn", { name: problem.report.name, date: problem.report.date })}</span> : null}
            {problem.owner ? <span>· {t("ownedBy", { owner: problem.owner })}</span> : null}
            {isEditing ? null : (
              <Button variant="outline" size="sm" className="ml-auto" onClick={() => setIsEditing(true)}>
                {common("edit")}
              </Button>
            )}
          </div>
          {isEditing ? (
            <ProblemEditForm problem={problem} modules={modules} onSaved={onEdited} onCancel={() => setIsEditing(false)} />
          ) : null}
          {problem.description ? <p className="text-sm whitespace-pre-wrap text-zinc-700">{problem.description}</p> : null}
          {problem.modules.length + problem.runs.length + problem.interfaces.length > 0 ? (
            <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-xs">
              {problem.modules.length ? (
                <>
                  <dt className="text-zinc-500">{t("links.modules")}</dt>
                  <dd>{problem.modules.map((m) => m.name).join(", ")}</dd>
                </>
              ) : null}
              {problem.runs.length ? (
                <>
                  <dt className="text-zinc-500">{t("links.runs")}</dt>
                  <dd>{problem.runs.map((r) => r.name).join(", ")}</dd>
                </>
              ) : null}
              {problem.interfaces.length ? (
                <>
                  <dt className="text-zinc-500">{t("links.interfaces")}</dt>
                  <dd className="font-mono">{problem.interfaces.map((i) => `${i.method} ${i.urlPattern}`).join(", ")}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
          <form onSubmit={onSave} className="flex flex-col gap-2 rounded-md border border-zinc-200 bg-zinc-50/60 p-3">
            <div className="flex items-center gap-2">
              <label htmlFor="problem-status" className="text-xs font-medium text-zinc-700">
                {t("changeStatus")}
              </label>
              <div className="w-40 shrink-0">
                <select
                  id="problem-status"
                  value={status}
                  onChange={(e) => setStatus(e.target.value)}
                  className={cn(FIELD_CLASS, "h-8 text-[13px]")}
                >
                  {PROBLEM_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ts(s)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <Textarea
              rows={2}
              aria-label={t("note")}
              placeholder={t("notePlaceholder")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            {error ? (
              <p role="alert" className="text-xs text-red-600">
                {error}
              </p>
            ) : null}
            <div className="flex justify-end">
              <Button type="submit" size="sm" disabled={isPending || (status === problem.status && !note.trim())}>
                {t("saveChange")}
              </Button>
            </div>
          </form>
          <div>
            <h3 className="mb-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{t("history")}</h3>
            {history.length === 0 ? (
              <p className="text-sm text-zinc-500">{t("noHistory")}</p>
            ) : (
              <ol className="flex flex-col gap-2 border-l border-zinc-200 pl-4">
                {history.map((h) =>
                  h.kind === "note" ? (
                    <li key={h.key} className="text-sm">
                      <p className="text-xs text-zinc-500">
                        {formatTime(h.at, "dateTime", { zone: true })}
                        {h.note.author ? ` · ${h.note.author}` : ""}
                        {h.note.status ? (
                          <>
                            {" "}
                            · {t("movedTo")}{" "}
                            <Badge tone={PROBLEM_STATUS_TONE[h.note.status]} className="ml-1">
                              {ts(h.note.status)}
                            </Badge>
                          </>
                        ) : null}
                      </p>
                      {h.note.body ? <p className="mt-0.5 text-zinc-800">{h.note.body}</p> : null}
                    </li>
                  ) : (
                    <li key={h.key} className="text-sm">
                      <p className="text-xs text-zinc-500">
                        {formatTime(h.at, "dateTime", { zone: true })}
                        {h.edit.actorName ? ` · ${h.edit.actorName}` : ""}
                      </p>
                      <p className="mt-0.5 text-zinc-600">
                        {t("edited", { fields: h.edit.fields.map((f) => tf(f)).join(t("fieldSeparator")) })}
                      </p>
                    </li>
                  ),
                )}
              </ol>
            )}
          </div>
        </div>
      ) : error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
