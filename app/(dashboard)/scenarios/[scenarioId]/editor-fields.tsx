"use client";

import { createContext, useContext, useId } from "react";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";

/**
 * Field plumbing of the scenario editor: every field knows the dotted document path it edits
 * (`steps.2.request.path`) and shows the schema's messages for exactly that path.
 */
export interface TIssueLookup {
  /** Messages at exactly this path. */
  at: (path: string) => string[];
  /** Every path with messages. */
  paths: () => string[];
  /** Whether messages are shown (after the first edit or save attempt). */
  show: boolean;
}

export const IssuesContext = createContext<TIssueLookup>({ at: () => [], paths: () => [], show: false });

export function useIssues(path: string): string[] {
  const ctx = useContext(IssuesContext);
  return ctx.show ? ctx.at(path) : [];
}

export interface TControlProps {
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}

/** Label above, control, then hint or errors under it. */
export function Field({
  label,
  path,
  paths,
  hint,
  className,
  children,
}: {
  label: React.ReactNode;
  /** The document path this control edits. */
  path: string;
  /** More paths whose messages belong here (e.g. a policy's value). */
  paths?: string[];
  hint?: React.ReactNode;
  className?: string;
  children: (props: TControlProps) => React.ReactNode;
}) {
  const id = useId();
  const ctx = useContext(IssuesContext);
  const errors = ctx.show ? [path, ...(paths ?? [])].flatMap((p) => ctx.at(p)) : [];
  const describedBy = errors.length > 0 || hint ? `${id}-msg` : undefined;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={id} className="text-xs font-medium text-zinc-600">
        {label}
      </label>
      {children({ id, "aria-invalid": errors.length > 0 || undefined, "aria-describedby": describedBy })}
      {errors.length > 0 ? (
        <p id={`${id}-msg`} role="alert" className="text-xs text-red-600" data-issue-path={path}>
          {errors.join(" · ")}
        </p>
      ) : hint ? (
        <p id={`${id}-msg`} className="text-xs text-zinc-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A label whose prefix only screen readers (and getByLabel) get: "Branch 1: Weight" shown as "Weight". */
export function Prefixed({ prefix, children }: { prefix: string; children: React.ReactNode }) {
  return (
    <>
      <span className="sr-only">{prefix}</span>
      {children}
    </>
  );
}

/** Messages for a group (a list of rows, a whole step) rather than one control. */
export function GroupIssues({ paths }: { paths: string[] }) {
  const ctx = useContext(IssuesContext);
  const errors = ctx.show ? paths.flatMap((p) => ctx.at(p)) : [];
  if (errors.length === 0) return null;
  return (
    <p role="alert" className="text-xs text-red-600">
      {errors.join(" · ")}
    </p>
  );
}

/** Compact text input for the editor's dense rows. */
export function TextInput({
  value,
  onValueChange,
  className,
  numeric,
  ...props
}: Omit<React.InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> & {
  value: string;
  onValueChange: (value: string) => void;
  /** Numbers are typed as text (the schema judges them) but get a numeric keyboard and figures. */
  numeric?: boolean;
}) {
  return (
    <input
      type="text"
      inputMode={numeric ? "decimal" : undefined}
      spellCheck={false}
      autoComplete="off"
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
      className={cn(FIELD_CLASS, "h-8 px-2.5", numeric && "font-mono text-[13px] tabular-nums", className)}
      {...props}
    />
  );
}

export function Select({
  value,
  onValueChange,
  className,
  children,
  ...props
}: Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "value" | "onChange"> & {
  value: string;
  onValueChange: (value: string) => void;
}) {
  return (
    <select
      value={value}
      onChange={(event) => onValueChange(event.target.value)}
      className={cn(FIELD_CLASS, "h-8 cursor-pointer px-2 pr-7", className)}
      {...props}
    >
      {children}
    </select>
  );
}

/** Small square icon button with a required accessible name. */
export function IconButton({
  label,
  onClick,
  disabled,
  icon,
  tone = "default",
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  icon: string;
  tone?: "default" | "danger";
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      className={cn(
        "inline-flex size-7 items-center justify-center rounded-md text-zinc-500 transition-colors",
        "hover:bg-zinc-100 hover:text-zinc-900 disabled:pointer-events-none disabled:opacity-30",
        tone === "danger" && "hover:bg-red-50 hover:text-red-600",
      )}
    >
      <svg
        viewBox="0 0 16 16"
        className="size-3.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden
      >
        <path d={icon} />
      </svg>
    </button>
  );
}

export const ICONS = {
  up: "M8 13V3M4 7l4-4 4 4",
  down: "M8 3v10M4 9l4 4 4-4",
  into: "M3 3v5a2 2 0 0 0 2 2h8M10 7l3 3-3 3",
  out: "M13 13V8a2 2 0 0 0-2-2H3M6 3L3 6l3 3",
  copy: "M5.5 5.5h7v7h-7zM3.5 10.5v-7h7",
  remove: "M3 4.5h10M6.5 4.5V3h3v1.5M5 4.5l.5 8.5h5l.5-8.5",
  close: "M4 4l8 8M12 4l-8 8",
  plus: "M8 3v10M3 8h10",
  chevron: "M6 4l4 4-4 4",
} as const;
