"use client";

import type { ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useFormatTime } from "@/lib/i18n/use-format-time";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import { DataTable } from "@/app/_components/data-table";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { isActionError } from "@/app/_lib/action-result";
import { deleteScenarioAction, duplicateScenarioAction } from "./actions";
import { ICONS, IconButton } from "./[scenarioId]/editor-fields";
import { LaunchDialog } from "./launch-dialog";

export interface TScenarioRow {
  id: string;
  name: string;
  moduleId: string;
  moduleName: string;
  baseUrl: string;
  vus: number;
  durationSeconds: number | null;
  stepCount: number | null;
  version: number;
  updatedAt: string;
}

/** The scenario list: filter by module, select several to launch one run, duplicate, delete. */
export function ScenariosTable({
  rows,
  modules,
  initialModuleId,
}: {
  rows: TScenarioRow[];
  modules: { id: string; name: string }[];
  initialModuleId: string;
}) {
  const t = useTranslations("scenarios");
  const common = useTranslations("common");
  const format = useFormatter();
  const formatTime = useFormatTime();
  const router = useRouter();
  const { toast } = useToast();
  const [moduleId, setModuleId] = useState(initialModuleId);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [launching, setLaunching] = useState<TScenarioRow[] | null>(null);
  const [deleting, setDeleting] = useState<TScenarioRow | null>(null);
  const [pending, startTransition] = useTransition();

  const shown = useMemo(() => (moduleId ? rows.filter((r) => r.moduleId === moduleId) : rows), [rows, moduleId]);
  // The list operation may not count steps yet: show the column only when it does.
  const hasStepCounts = rows.some((r) => r.stepCount !== null);
  const allShownSelected = shown.length > 0 && shown.every((r) => selected.has(r.id));

  const columns = useMemo<ColumnDef<TScenarioRow>[]>(() => {
    const toggle = (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    const duplicate = (row: TScenarioRow) =>
      startTransition(async () => {
        const result = await duplicateScenarioAction(row.id);
        if (isActionError(result)) return toast(result.error, "error");
        toast(t("duplicated", { name: result.data.name }));
        router.refresh();
      });
    return [
      {
        id: "select",
        enableSorting: false,
        enableGlobalFilter: false,
        meta: { className: "w-8" },
        header: () => (
          <input
            type="checkbox"
            aria-label={t("selectAll")}
            className="size-3.5 cursor-pointer accent-accent"
            checked={allShownSelected}
            onChange={() => setSelected(allShownSelected ? new Set() : new Set(shown.map((r) => r.id)))}
          />
        ),
        cell: ({ row }) => (
          <input
            type="checkbox"
            aria-label={t("selectRow", { name: row.original.name })}
            className="size-3.5 cursor-pointer accent-accent"
            checked={selected.has(row.original.id)}
            onChange={() => toggle(row.original.id)}
          />
        ),
      },
      {
        accessorKey: "name",
        header: t("columns.name"),
        cell: ({ row }) => (
          <div className="min-w-0">
            <Link
              href={`/scenarios/${row.original.id}`}
              className="font-medium whitespace-nowrap text-zinc-900 hover:text-accent hover:underline"
            >
              {row.original.name}
            </Link>
            <div className="max-w-72 truncate font-mono text-[11px] text-zinc-400" title={row.original.baseUrl}>
              {row.original.baseUrl}
            </div>
          </div>
        ),
      },
      {
        accessorKey: "moduleName",
        header: t("columns.module"),
        cell: ({ row }) => (
          <Link href={`/modules/${row.original.moduleId}`} className="whitespace-nowrap text-zinc-600 hover:text-accent hover:underline">
            {row.original.moduleName}
          </Link>
        ),
      },
      {
        accessorKey: "vus",
        header: t("columns.vus"),
        enableGlobalFilter: false,
        meta: { numeric: true },
        cell: ({ getValue }) => format.number(getValue<number>()),
      },
      {
        accessorKey: "durationSeconds",
        header: t("columns.duration"),
        enableGlobalFilter: false,
        meta: { numeric: true, unit: "s" },
        cell: ({ getValue }) => {
          const v = getValue<number | null>();
          return v === null ? <span className="text-zinc-400">{common("none")}</span> : format.number(v);
        },
      },
      ...(!hasStepCounts
        ? []
        : [
            {
              accessorKey: "stepCount",
              header: t("columns.steps"),
              enableGlobalFilter: false,
              meta: { numeric: true },
              cell: ({ getValue }) => getValue<number | null>() ?? <span className="text-zinc-400">{common("none")}</span>,
            } satisfies ColumnDef<TScenarioRow>,
          ]),
      { accessorKey: "version", header: t("columns.version"), enableGlobalFilter: false, meta: { numeric: true } },
      {
        accessorKey: "updatedAt",
        header: t("columns.updatedAt"),
        sortingFn: "datetime",
        enableGlobalFilter: false,
        meta: { numeric: true },
        cell: ({ getValue }) => <span className="whitespace-nowrap">{formatTime(getValue<string>(), "dateTime", { zone: true })}</span>,
      },
      {
        id: "actions",
        header: () => <span className="sr-only">{common("actions")}</span>,
        enableSorting: false,
        meta: { className: "w-px" },
        cell: ({ row }) => (
          <div className="flex items-center justify-end gap-0.5">
            <Button variant="ghost" size="sm" onClick={() => setLaunching([row.original])} aria-label={`${t("run")} ${row.original.name}`}>
              {t("run")}
            </Button>
            <IconButton
              label={`${t("duplicate")} ${row.original.name}`}
              icon={ICONS.copy}
              disabled={pending}
              onClick={() => duplicate(row.original)}
            />
            <IconButton
              label={`${common("delete")} ${row.original.name}`}
              icon={ICONS.remove}
              tone="danger"
              onClick={() => setDeleting(row.original)}
            />
          </div>
        ),
      },
    ];
  }, [t, common, format, formatTime, selected, shown, allShownSelected, pending, router, toast, hasStepCounts]);

  const selectedRows = rows.filter((r) => selected.has(r.id));
  const toolbar = (
    <>
      <select
        aria-label={t("moduleFilter")}
        value={moduleId}
        onChange={(e) => setModuleId(e.target.value)}
        className="h-8 cursor-pointer rounded-md border border-zinc-300 bg-white px-2 pr-7 text-sm shadow-xs"
      >
        <option value="">{t("allModules")}</option>
        {modules.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <Button size="sm" disabled={selectedRows.length === 0} onClick={() => setLaunching(selectedRows)}>
        {t("runSelected", { count: selectedRows.length })}
      </Button>
    </>
  );

  return (
    <>
      <DataTable
        label="scenarios"
        columns={columns}
        data={shown}
        getRowId={(row) => row.id}
        initialSorting={[{ id: "moduleName", desc: false }]}
        searchPlaceholder={t("searchPlaceholder")}
        toolbar={toolbar}
      />
      <LaunchDialog open={launching !== null} onOpenChange={(open) => !open && setLaunching(null)} scenarios={launching ?? []} />
      <DeleteScenarioDialog
        row={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(id) => setSelected((s) => new Set([...s].filter((x) => x !== id)))}
      />
    </>
  );
}

function DeleteScenarioDialog({
  row,
  onClose,
  onDeleted,
}: {
  row: TScenarioRow | null;
  onClose: () => void;
  onDeleted: (id: string) => void;
}) {
  const t = useTranslations("scenarios");
  const common = useTranslations("common");
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const confirm = () => {
    if (!row) return;
    startTransition(async () => {
      const result = await deleteScenarioAction(row.id);
      if (isActionError(result)) return toast(result.error, "error");
      toast(t("deleted", { name: row.name }));
      onDeleted(row.id);
      onClose();
      router.refresh();
    });
  };
  return (
    <Dialog
      open={row !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t("deleteTitle")}
      description={row ? t("deleteConfirm", { name: row.name }) : undefined}
    >
      <DialogFooter>
        <Button variant="outline" onClick={onClose}>
          {common("cancel")}
        </Button>
        <Button variant="destructive" disabled={pending} onClick={confirm}>
          {pending ? common("deleting") : common("delete")}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
