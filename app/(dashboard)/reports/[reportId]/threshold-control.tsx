"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { updateReportAction } from "@/app/(dashboard)/reports/actions";

/** The round's slow-interface threshold, in seconds on screen (ms in the database). */
export function ThresholdControl({ reportId, thresholdMs }: { reportId: string; thresholdMs: number }) {
  const t = useTranslations("reports");
  const { toast } = useToast();
  const [value, setValue] = useState(String(thresholdMs / 1000));
  const [isPending, startTransition] = useTransition();
  const isDirty = Number(value) * 1000 !== thresholdMs;

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await updateReportAction(reportId, { slowThresholdMs: Math.round(Number(value) * 1000) });
      if (isActionError(result)) toast(result.error, "error");
      else toast(t("thresholdSaved", { seconds: value }));
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="flex items-center gap-1.5">
      <label htmlFor="threshold" className="whitespace-nowrap">
        {t("threshold")}
      </label>
      <div className="w-20">
        <Input
          id="threshold"
          type="number"
          min={0.001}
          step="any"
          inputSize="sm"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="text-right tabular-nums"
        />
      </div>
      <span>s</span>
      {isDirty ? (
        <Button type="submit" size="sm" variant="outline" disabled={isPending || !(Number(value) > 0)}>
          {t("apply")}
        </Button>
      ) : null}
    </form>
  );
}
