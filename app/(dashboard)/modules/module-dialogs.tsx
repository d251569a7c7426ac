"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Dialog } from "@/app/_components/ui/dialog";
import { ConfirmDeleteDialog, NewItemButton } from "@/app/_components/ui/form-dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import { deleteModuleAction } from "./actions";
import { ModuleForm, type TModuleFormValues } from "./module-form";

/** "New module" button with its dialog (the page itself stays a server component). */
export function NewModuleButton() {
  const t = useTranslations("modules");
  return (
    <NewItemButton label={t("new")} title={t("createTitle")} description={t("createDescription")}>
      {(close) => <ModuleForm onDone={close} onCancel={close} />}
    </NewItemButton>
  );
}

export function EditModuleDialog({
  module,
  open,
  onOpenChange,
}: {
  module: TModuleFormValues | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("modules");
  return (
    <Dialog open={open && Boolean(module)} onOpenChange={onOpenChange} title={t("editTitle")}>
      {module ? (
        <ModuleForm key={module.id} module={module} onDone={() => onOpenChange(false)} onCancel={() => onOpenChange(false)} />
      ) : null}
    </Dialog>
  );
}

export interface TDeletableModule {
  id: string;
  name: string;
  interfaceCount: number;
  scenarioCount: number;
}

/** Confirmation before deleting; a module with scenarios cannot be deleted and says why. */
export function DeleteModuleDialog({
  module,
  open,
  onOpenChange,
  redirectTo,
}: {
  module: TDeletableModule | undefined;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Where to go after deleting (the detail page goes back to the list). */
  redirectTo?: string;
}) {
  const t = useTranslations("modules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const router = useRouter();
  const isBlocked = (module?.scenarioCount ?? 0) > 0;

  const onConfirm = async () => {
    if (!module) return undefined;
    const result = await deleteModuleAction(module.id).catch(() => ({ error: common("unexpectedError"), issues: [] }));
    if (isActionError(result)) return result.error;
    toast(t("deleted", { name: result.data.name }));
    onOpenChange(false);
    if (redirectTo) router.push(redirectTo);
    return undefined;
  };

  return (
    <ConfirmDeleteDialog
      open={open && Boolean(module)}
      onOpenChange={onOpenChange}
      title={t("deleteTitle")}
      blocked={isBlocked}
      onConfirm={onConfirm}
      message={
        module
          ? isBlocked
            ? t("deleteBlocked", { name: module.name, scenarios: module.scenarioCount })
            : t("deleteConfirm", { name: module.name, interfaces: module.interfaceCount })
          : null
      }
    />
  );
}
