"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Button } from "@/app/_components/ui/button";
import { useToast } from "@/app/_components/ui/toast";
import { updateReportAction } from "@/app/(dashboard)/reports/actions";

/**
 * The order of section 1's modules, set with up/down buttons and saved at once in the report's
 * moduleOrder; the Markdown and the share page follow it, and the next report starts with it.
 */
export function ModuleOrderControl({ reportId, modules }: { reportId: string; modules: string[] }) {
  const t = useTranslations("reports.moduleOrder");
  const router = useRouter();
  const { toast } = useToast();
  const [order, setOrder] = useState(modules);
  const [isSaving, setIsSaving] = useState(false);
  // The server's order after a refresh (runs added or removed change the list too): adopted
  // while rendering, as React advises for state that follows a prop.
  const modulesKey = modules.join("\n");
  const [seenKey, setSeenKey] = useState(modulesKey);
  if (seenKey !== modulesKey) {
    setSeenKey(modulesKey);
    setOrder(modules);
  }

  const move = async (index: number, by: -1 | 1) => {
    const next = [...order];
    const [name] = next.splice(index, 1);
    next.splice(index + by, 0, name!);
    const previous = order;
    setOrder(next);
    setIsSaving(true);
    const result = await updateReportAction(reportId, { moduleOrder: next });
    setIsSaving(false);
    if (isActionError(result)) {
      setOrder(previous);
      toast(result.error, "error");
      return;
    }
    router.refresh();
  };

  if (order.length < 2) return null;
  return (
    <details className="border-t border-zinc-100 px-4 py-2.5 text-sm" data-testid="module-order">
      <summary className="cursor-pointer text-xs font-medium text-zinc-600 select-none">{t("title")}</summary>
      <p className="mt-1.5 text-xs text-zinc-500">{t("hint")}</p>
      <ol className="mt-2 flex max-w-md flex-col gap-1" aria-label={t("title")}>
        {order.map((name, i) => (
          <li key={name} className="flex items-center gap-2 rounded-md border border-zinc-200 bg-white px-2 py-1">
            <span className="w-5 text-right font-mono text-xs text-zinc-400 tabular-nums">{i + 1}</span>
            <span className="min-w-0 flex-1 truncate" title={name}>
              {name}
            </span>
            <Button
              variant="ghost"
              size="icon"
              aria-label={t("up", { module: name })}
              disabled={isSaving || i === 0}
              onClick={() => void move(i, -1)}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="icon"
              aria-label={t("down", { module: name })}
              disabled={isSaving || i === order.length - 1}
              onClick={() => void move(i, 1)}
            >
              ↓
            </Button>
          </li>
        ))}
      </ol>
    </details>
  );
}
