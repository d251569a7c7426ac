"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import { deleteModuleAction } from "./actions";
import { ModuleForm, type TModuleFormValues } from "./module-form";

/** "New module" button with its dialog (the page itself stays a server component). */
export function NewModuleButton() {
  const t = useTranslations("modules");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        {t("new")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t("createTitle")} description={t("createDescription")}>
        <ModuleForm onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
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
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const isBlocked = (module?.scenarioCount ?? 0) > 0;

  const onConfirm = () => {
    if (!module) return;
    startTransition(async () => {
      const result = await deleteModuleAction(module.id).catch(() => ({ error: common("unexpectedError"), issues: [] }));
      if (isActionError(result)) {
        setError(result.error);
        return;
      }
      toast(t("deleted", { name: result.data.name }));
      onOpenChange(false);
      if (redirectTo) router.push(redirectTo);
    });
  };

  return (
    <Dialog
      open={open && Boolean(module)}
      onOpenChange={(next) => {
        if (!next) setError(undefined);
        onOpenChange(next);
      }}
      title={t("deleteTitle")}
    >
      {module ? (
        <>
          <p className="text-sm text-zinc-600">
            {isBlocked
              ? t("deleteBlocked", { name: module.name, scenarios: module.scenarioCount })
              : t("deleteConfirm", { name: module.name, interfaces: module.interfaceCount })}
          </p>
          {error ? (
            <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
              {common("cancel")}
            </Button>
            {isBlocked ? null : (
              <Button variant="destructive" onClick={onConfirm} disabled={isPending}>
                {isPending ? common("deleting") : common("delete")}
              </Button>
            )}
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
