import type { HTMLAttributes, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

/** Table shell in the shadcn style; data-table.tsx and simple server-rendered lists both use it. */
export function Table({ className, ...props }: HTMLAttributes<HTMLTableElement>) {
  return (
    <div className="w-full overflow-x-auto">
      <table className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function THead({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <thead className={cn("border-b border-zinc-200 bg-zinc-50/80", className)} {...props} />;
}

export function TBody({ className, ...props }: HTMLAttributes<HTMLTableSectionElement>) {
  return <tbody className={cn("divide-y divide-zinc-100", className)} {...props} />;
}

export function TR({ className, ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("transition-colors hover:bg-zinc-50/70", className)} {...props} />;
}

export function TH({ className, numeric, ...props }: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      className={cn("h-9 px-3 text-xs font-medium whitespace-nowrap text-zinc-500", numeric ? "text-right" : "text-left", className)}
      {...props}
    />
  );
}

export function TD({ className, numeric, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cn("px-3 py-2 align-middle", numeric && "text-right whitespace-nowrap tabular-nums", className)} {...props} />;
}

/** Header text with its unit, e.g. "Avg (ms)"; the unit is quieter than the name. */
export function HeaderWithUnit({ label, unit }: { label: React.ReactNode; unit?: string }) {
  return (
    <>
      {label}
      {unit ? <span className="ml-1 font-normal text-zinc-400">({unit})</span> : null}
    </>
  );
}
