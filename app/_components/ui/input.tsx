import { forwardRef, type InputHTMLAttributes } from "react";
import { cn } from "./cn";

/** Fields fill their container: size them with a wrapper, not a width class (no class merging here). */
export const FIELD_CLASS =
  "block w-full rounded-md border border-zinc-300 bg-white px-3 text-sm shadow-xs placeholder:text-zinc-400 " +
  "focus-visible:border-accent focus-visible:outline-none focus-visible:ring-3 focus-visible:ring-accent/20 " +
  "aria-invalid:border-red-500 aria-invalid:ring-red-500/20 disabled:opacity-50";

export interface TInputProps extends InputHTMLAttributes<HTMLInputElement> {
  /** "sm" for toolbars (h-8), "md" for forms (h-9). */
  inputSize?: "sm" | "md";
}

export const Input = forwardRef<HTMLInputElement, TInputProps>(function Input({ className, inputSize = "md", ...props }, ref) {
  return <input ref={ref} className={cn(FIELD_CLASS, inputSize === "sm" ? "h-8 text-[13px]" : "h-9", className)} {...props} />;
});
