"use client";

import { useTranslations } from "next-intl";
import { Dialog } from "@/app/_components/ui/dialog";
import { ConfirmDeleteDialog, NewItemButton } from "@/app/_components/ui/form-dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TScheduleRow } from "@/lib/schedules/schedule.schema";
import { deleteScheduleAction } from "./actions";
import { ScheduleForm, type TScenarioOption } from "./schedule-form";

/** "New schedule" button with its dialog (the page itself stays a server component). */
export function NewScheduleButton({ scenarios }: { scenarios: TScenarioOption[] }) {
  const t = useTranslations("schedules");
  return (
    <NewItemButton label={t("new")} title={t("createTitle")} description={t("createDescription")} className="max-w-xl">
      {(close) => <ScheduleForm scenarios={scenarios} onDone={close} onCancel={close} />}
    </NewItemButton>
  );
}

export function EditScheduleDialog({
  schedule,
  scenarios,
  onOpenChange,
}: {
  schedule: TScheduleRow | undefined;
  scenarios: TScenarioOption[];
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("schedules");
  return (
    <Dialog open={Boolean(schedule)} onOpenChange={onOpenChange} title={t("editTitle")} className="max-w-xl">
      {schedule ? (
        <ScheduleForm
          key={schedule.id}
          schedule={schedule}
          scenarios={scenarios}
          onDone={() => onOpenChange(false)}
          onCancel={() => onOpenChange(false)}
        />
      ) : null}
    </Dialog>
  );
}

/** Confirmation before deleting; the runs it started stay. */
export function DeleteScheduleDialog({
  schedule,
  onOpenChange,
}: {
  schedule: TScheduleRow | undefined;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("schedules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const onConfirm = async () => {
    if (!schedule) return undefined;
    const result = await deleteScheduleAction(schedule.id).catch(() => ({ error: common("unexpectedError"), issues: [] }));
    if (isActionError(result)) return result.error;
    toast(t("deleted", { name: result.data.name }));
    onOpenChange(false);
    return undefined;
  };
  return (
    <ConfirmDeleteDialog
      open={Boolean(schedule)}
      onOpenChange={onOpenChange}
      title={t("deleteTitle")}
      onConfirm={onConfirm}
      message={schedule ? t("deleteConfirm", { name: schedule.name }) : null}
    />
  );
}
