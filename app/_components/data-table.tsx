"use client";

import {
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnFiltersState,
  type PaginationState,
  type RowData,
  type SortingState,
} from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./ui/button";
import { cn } from "./ui/cn";
import { Input } from "./ui/input";
import { HeaderWithUnit, TBody, TD, TH, THead, TR, Table } from "./ui/table";

declare module "@tanstack/react-table" {
  // Column options every table in the app may set (TS requires the generic names).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures, monospace: counts, times, rates. */
    numeric?: boolean;
    /** Shown after the header in parentheses, e.g. "ms", "/s", "%". */
    unit?: string;
    /** Adds a text filter input for this column in the toolbar. */
    filterable?: boolean;
    /** Header text as plain string (the filter's label and placeholder). */
    label?: string;
    /** Extra classes for this column's cells (e.g. a width). */
    className?: string;
  }
}

export interface TDataTableProps<TData> {
  // TValue varies per column; `any` is what tanstack's own examples use for mixed column arrays.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<TData, any>[];
  data: TData[];
  /** Stable row ids (database ids) so React keeps row state across re-sorts. */
  getRowId?: (row: TData) => string;
  initialSorting?: SortingState;
  /** Placeholder of the global search box; omit `searchable` to hide it. */
  searchPlaceholder?: string;
  searchable?: boolean;
  /** Buttons etc. at the right of the toolbar. */
  toolbar?: React.ReactNode;
  /** Test id / label of the table element. */
  label?: string;
  /**
   * Rows per page: sorting and filtering still cover every row, only this many are rendered
   * (hydrating hundreds of rows is what makes a page slow to respond), with Previous / Next /
   * Show all below the table. Omit it to render every row.
   */
  pageSize?: number;
  /** What an empty table (no filter set) says; default "No rows." */
  emptyText?: string;
  /** A filter of the caller's own (a toolbar select) is set: an empty table says the filter matched nothing. */
  filtered?: boolean;
}

/**
 * The one table of the app (@tanstack/react-table v8): click headers to sort, a global search,
 * per-column text filters (meta.filterable), numbers right-aligned with units in the headers.
 * Client-side only: tables here hold hundreds of rows, not millions.
 */
export function DataTable<TData>({
  columns,
  data,
  getRowId,
  initialSorting = [],
  searchPlaceholder,
  searchable = true,
  toolbar,
  label,
  pageSize,
  emptyText,
  filtered = false,
}: TDataTableProps<TData>) {
  const t = useTranslations("table");
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const [globalFilter, setGlobalFilter] = useState("");
  const [columnFilters, setColumnFilters] = useState<ColumnFiltersState>([]);
  const [pagination, setPagination] = useState<PaginationState>({ pageIndex: 0, pageSize: pageSize ?? 0 });
  const [showAll, setShowAll] = useState(false);
  const isPaged = pageSize !== undefined && !showAll;

  // The React Compiler lint flags useReactTable (it returns functions that are not memo-safe).
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting, globalFilter, columnFilters, pagination },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnFiltersChange: setColumnFilters,
    onPaginationChange: setPagination,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    // Not paged ("show all", or no pageSize): the row model is every sorted, filtered row.
    manualPagination: !isPaged,
    globalFilterFn: "includesString",
  });

  const filterable = table.getAllLeafColumns().filter((c) => c.columnDef.meta?.filterable);
  const rows = table.getRowModel().rows;
  const matching = table.getPrePaginationRowModel().rows.length;
  const pageCount = isPaged ? Math.ceil(matching / pagination.pageSize) : 1;
  const firstShown = isPaged ? pagination.pageIndex * pagination.pageSize : 0;
  // Clear filters clears only the table's own; the caller's toolbar filters are its own to clear.
  const ownFilter = globalFilter !== "" || columnFilters.length > 0;
  const isFiltered = filtered || ownFilter;

  return (
    <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white shadow-xs">
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 px-3 py-2.5">
        {searchable ? (
          <div className="w-64">
            <Input
              type="search"
              value={globalFilter}
              onChange={(event) => setGlobalFilter(event.target.value)}
              placeholder={searchPlaceholder ?? t("search")}
              aria-label={searchPlaceholder ?? t("search")}
              inputSize="sm"
            />
          </div>
        ) : null}
        {filterable.map((column) => {
          const name = column.columnDef.meta?.label ?? column.id;
          return (
            <div key={column.id} className="w-44">
              <Input
                value={(column.getFilterValue() as string | undefined) ?? ""}
                onChange={(event) => column.setFilterValue(event.target.value || undefined)}
                placeholder={t("filterColumn", { column: name })}
                aria-label={t("filterColumn", { column: name })}
                inputSize="sm"
              />
            </div>
          );
        })}
        {ownFilter ? (
          <button
            type="button"
            onClick={() => {
              setGlobalFilter("");
              setColumnFilters([]);
            }}
            className="h-8 rounded-md px-2 text-xs font-medium text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
          >
            {t("clearFilters")}
          </button>
        ) : null}
        <span className="ml-auto text-xs text-zinc-500 tabular-nums" aria-live="polite">
          {t("rowCount", { shown: matching, total: data.length })}
        </span>
        {toolbar}
      </div>
      <Table aria-label={label} data-testid={label ? `table-${label}` : undefined}>
        <THead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta;
                const canSort = header.column.getCanSort();
                const sorted = header.column.getIsSorted();
                const content = header.isPlaceholder ? null : (
                  <HeaderWithUnit label={flexRender(header.column.columnDef.header, header.getContext())} unit={meta?.unit} />
                );
                return (
                  <TH
                    key={header.id}
                    numeric={meta?.numeric}
                    className={meta?.className}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        title={sorted === "asc" ? t("sortDescending") : t("sortAscending")}
                        className={cn(
                          "-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-zinc-200/60 hover:text-zinc-900",
                          meta?.numeric && "flex-row-reverse",
                          sorted && "text-zinc-900",
                        )}
                      >
                        <span>{content}</span>
                        <SortIcon direction={sorted} />
                      </button>
                    ) : (
                      content
                    )}
                  </TH>
                );
              })}
            </tr>
          ))}
        </THead>
        <TBody>
          {rows.map((row) => (
            <TR key={row.id} data-row-id={row.id}>
              {row.getVisibleCells().map((cell) => (
                <TD key={cell.id} numeric={cell.column.columnDef.meta?.numeric} className={cell.column.columnDef.meta?.className}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TD>
              ))}
            </TR>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={table.getVisibleLeafColumns().length} className="px-3 py-10 text-center text-zinc-500">
                {/* "No rows match the filter" only when there is a filter: an empty table says so. */}
                {isFiltered ? t("noResults") : (emptyText ?? t("empty"))}
              </td>
            </tr>
          ) : null}
        </TBody>
      </Table>
      {pageCount > 1 ? (
        <div
          className="flex flex-wrap items-center gap-2 border-t border-zinc-200 px-3 py-2 text-xs text-zinc-600"
          data-testid={label ? `table-${label}-pager` : undefined}
        >
          <span className="tabular-nums">{t("pageRange", { from: firstShown + 1, to: firstShown + rows.length, total: matching })}</span>
          <span className="ml-auto flex items-center gap-1">
            <Button size="sm" variant="ghost" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
              {t("previousPage")}
            </Button>
            <span className="px-1 tabular-nums">{t("pageOf", { page: pagination.pageIndex + 1, pages: pageCount })}</span>
            <Button size="sm" variant="ghost" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
              {t("nextPage")}
            </Button>
            <Button size="sm" variant="outline" onClick={() => setShowAll(true)}>
              {t("showAllRows", { total: matching })}
            </Button>
          </span>
        </div>
      ) : null}
    </div>
  );
}

function SortIcon({ direction }: { direction: false | "asc" | "desc" }) {
  return (
    <svg viewBox="0 0 12 12" aria-hidden className={cn("size-3", direction ? "text-zinc-700" : "text-zinc-300")}>
      <path d="M3 4.5L6 1.5L9 4.5" fill="none" stroke="currentColor" strokeWidth="1.4" opacity={direction === "desc" ? 0.3 : 1} />
      <path d="M3 7.5L6 10.5L9 7.5" fill="none" stroke="currentColor" strokeWidth="1.4" opacity={direction === "asc" ? 0.3 : 1} />
    </svg>
  );
}
