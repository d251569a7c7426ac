"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { issuesByField, isActionError, type TActionResult } from "@/app/_lib/action-result";
import { FormAlert, FormDialogFooter } from "@/app/_components/ui/form-dialog";
import { Input } from "@/app/_components/ui/input";
import { FieldMessage, Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import { useToast } from "@/app/_components/ui/toast";
import { MODULE_DESCRIPTION_MAX, MODULE_NAME_MAX } from "@/lib/modules/module.schema";
import { createModuleAction, updateModuleAction } from "./actions";

export interface TModuleFormValues {
  id: string;
  name: string;
  description: string;
}

/**
 * Create or edit a module. Validation is the server's (the same zod schema as the API); its field
 * issues are shown under the fields. Inputs are controlled so a failed submit keeps what was typed.
 */
export function ModuleForm({
  module,
  onDone,
  onCancel,
}: {
  module?: TModuleFormValues;
  onDone: (saved: { id: string; name: string }) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("modules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const id = useId();
  const [name, setName] = useState(module?.name ?? "");
  const [description, setDescription] = useState(module?.description ?? "");
  const [formError, setFormError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [isPending, startTransition] = useTransition();

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const values = { name, description };
      let result: TActionResult<{ id: string; name: string }>;
      try {
        result = module ? await updateModuleAction(module.id, values) : await createModuleAction(values);
      } catch {
        result = { error: common("unexpectedError"), issues: [] };
      }
      if (isActionError(result)) {
        setFieldErrors(issuesByField(result.issues));
        setFormError(result.issues.length > 0 ? undefined : result.error);
        return;
      }
      setFieldErrors({});
      setFormError(undefined);
      toast(t(module ? "updated" : "created", { name: result.data.name }));
      onDone(result.data);
    });
  };

  const nameError = fieldErrors.name;
  const descriptionError = fieldErrors.description;

  return (
    <form onSubmit={onSubmit} noValidate aria-busy={isPending} className="space-y-4">
      {formError ? <FormAlert>{formError}</FormAlert> : null}
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-name`}>{t("form.name")}</Label>
        <Input
          id={`${id}-name`}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder={t("form.namePlaceholder")}
          maxLength={MODULE_NAME_MAX + 20}
          autoComplete="off"
          autoFocus
          aria-invalid={nameError ? true : undefined}
          aria-describedby={`${id}-name-msg`}
        />
        <FieldMessage id={`${id}-name-msg`} error={Boolean(nameError)}>
          {nameError ?? t("form.nameHint")}
        </FieldMessage>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor={`${id}-description`}>
          {t("form.description")} <span className="font-normal text-zinc-400">({common("optional")})</span>
        </Label>
        <Textarea
          id={`${id}-description`}
          name="description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          placeholder={t("form.descriptionPlaceholder")}
          maxLength={MODULE_DESCRIPTION_MAX + 100}
          aria-invalid={descriptionError ? true : undefined}
          aria-describedby={`${id}-description-msg`}
        />
        <FieldMessage id={`${id}-description-msg`} error={Boolean(descriptionError)}>
          {descriptionError ?? t("form.descriptionHint")}
        </FieldMessage>
      </div>
      <FormDialogFooter onCancel={onCancel} isPending={isPending} submitLabel={module ? common("save") : common("create")} />
    </form>
  );
}
