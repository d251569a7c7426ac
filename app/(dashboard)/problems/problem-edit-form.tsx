"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { issuesByField, isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { SEVERITIES, type TProblemDetail } from "@/lib/problems/problem.types";
import { updateProblemAction } from "./actions";

export interface TModuleOption {
  id: string;
  name: string;
}

/**
 * Edits what a problem is (title, description, severity, owner, module links). Each save is one
 * revision in the problem's history, so reports of earlier days keep the old wording.
 */
export function ProblemEditForm({
  problem,
  modules,
  onSaved,
  onCancel,
}: {
  problem: TProblemDetail;
  modules: TModuleOption[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("problems");
  const tsev = useTranslations("problems.severity");
  const common = useTranslations("common");
  const id = useId();
  const [values, setValues] = useState({
    title: problem.title,
    description: problem.description,
    severity: problem.severity as string,
    owner: problem.owner ?? "",
  });
  const [moduleIds, setModuleIds] = useState(() => new Set(problem.modules.map((m) => m.id)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));
  const toggle = (moduleId: string) =>
    setModuleIds((current) => {
      const next = new Set(current);
      if (next.has(moduleId)) next.delete(moduleId);
      else next.add(moduleId);
      return next;
    });
  // Linked modules that are not in the list (deleted meanwhile) stay linked unless unticked.
  const options = [...modules, ...problem.modules.filter((m) => !modules.some((o) => o.id === m.id))];

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateProblemAction(problem.id, {
        title: values.title,
        description: values.description,
        severity: values.severity,
        owner: values.owner.trim() ? values.owner : null,
        moduleIds: [...moduleIds],
      });
      if (isActionError(result)) {
        setErrors({ ...issuesByField(result.issues), form: result.error });
        return;
      }
      onSaved();
    });
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label={t("editTitle")}
      className="flex flex-col gap-3 rounded-md border border-zinc-200 bg-zinc-50/60 p-3"
    >
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-title`}>{t("form.title")}</Label>
        <Input id={`${id}-title`} value={values.title} onChange={set("title")} aria-invalid={Boolean(errors.title)} />
        {errors.title ? (
          <FieldMessage id={`${id}-title-e`} error>
            {errors.title}
          </FieldMessage>
        ) : null}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-description`}>{t("form.description")}</Label>
        <Textarea id={`${id}-description`} rows={2} value={values.description} onChange={set("description")} />
      </div>
      <div className="grid grid-cols-2 gap-3">
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
          <Input id={`${id}-owner`} value={values.owner} onChange={set("owner")} aria-invalid={Boolean(errors.owner)} />
          {errors.owner ? (
            <FieldMessage id={`${id}-owner-e`} error>
              {errors.owner}
            </FieldMessage>
          ) : null}
        </div>
      </div>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-sm font-medium text-zinc-800">{t("form.modules")}</legend>
        {options.length === 0 ? (
          <p className="text-xs text-zinc-500">{t("form.noModules")}</p>
        ) : (
          <div className="flex max-h-32 flex-wrap gap-x-4 gap-y-1 overflow-y-auto">
            {options.map((m) => (
              <label key={m.id} className="flex items-center gap-1.5 text-sm text-zinc-700">
                <input type="checkbox" checked={moduleIds.has(m.id)} onChange={() => toggle(m.id)} className="size-3.5 accent-current" />
                {m.name}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      {errors.form && !errors.title && !errors.owner ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="outline" size="sm" onClick={onCancel} disabled={isPending}>
          {common("cancel")}
        </Button>
        <Button type="submit" size="sm" disabled={isPending}>
          {isPending ? common("saving") : common("save")}
        </Button>
      </div>
    </form>
  );
}
