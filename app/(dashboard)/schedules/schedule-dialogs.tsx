"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import type { TScheduleRow } from "@/lib/schedules/schedule.schema";
import { deleteScheduleAction } from "./actions";
import { ScheduleForm, type TScenarioOption } from "./schedule-form";

/** "New schedule" button with its dialog (the page itself stays a server component). */
export function NewScheduleButton({ scenarios }: { scenarios: TScenarioOption[] }) {
  const t = useTranslations("schedules");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        {t("new")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={t("createTitle")} description={t("createDescription")} className="max-w-xl">
        <ScheduleForm scenarios={scenarios} onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
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
      {schedule ? <ScheduleForm key={schedule.id} schedule={schedule} scenarios={scenarios} onDone={() => onOpenChange(false)} onCancel={() => onOpenChange(false)} /> : null}
    </Dialog>
  );
}

/** Confirmation before deleting; the runs it started stay. */
export function DeleteScheduleDialog({ schedule, onOpenChange }: { schedule: TScheduleRow | undefined; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("schedules");
  const common = useTranslations("common");
  const { toast } = useToast();
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const onConfirm = () => {
    if (!schedule) return;
    startTransition(async () => {
      const result = await deleteScheduleAction(schedule.id).catch(() => ({ error: common("unexpectedError"), issues: [] }));
      if (isActionError(result)) {
        setError(result.error);
        return;
      }
      toast(t("deleted", { name: result.data.name }));
      onOpenChange(false);
    });
  };
  return (
    <Dialog
      open={Boolean(schedule)}
      onOpenChange={(next) => {
        if (!next) setError(undefined);
        onOpenChange(next);
      }}
      title={t("deleteTitle")}
    >
      {schedule ? (
        <>
          <p className="text-sm text-zinc-600">{t("deleteConfirm", { name: schedule.name })}</p>
          {error ? (
            <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <DialogFooter>
            <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
              {common("cancel")}
            </Button>
            <Button variant="destructive" onClick={onConfirm} disabled={isPending}>
              {isPending ? common("deleting") : common("delete")}
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
