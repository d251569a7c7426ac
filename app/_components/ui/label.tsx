import type { LabelHTMLAttributes } from "react";
import { cn } from "./cn";

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn("text-sm font-medium text-zinc-800", className)} {...props} />;
}

/** Hint or error under a field; `id` is referenced by the field's aria-describedby. */
export function FieldMessage({ id, error, children }: { id: string; error?: boolean; children: React.ReactNode }) {
  return (
    <p id={id} role={error ? "alert" : undefined} className={cn("text-xs", error ? "text-red-600" : "text-zinc-500")}>
      {children}
    </p>
  );
}
