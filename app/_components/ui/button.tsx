import { forwardRef, type ButtonHTMLAttributes } from "react";
import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-accent text-accent-foreground shadow-sm hover:bg-accent/90",
  secondary: "bg-zinc-100 text-zinc-900 hover:bg-zinc-200",
  outline: "border border-zinc-300 bg-white text-zinc-900 shadow-xs hover:bg-zinc-50",
  ghost: "text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900",
  destructive: "bg-red-600 text-white shadow-sm hover:bg-red-700",
  /** A destructive action that is not the main one (row actions, page toolbars). */
  "outline-destructive": "border border-zinc-300 bg-white text-red-600 shadow-xs hover:border-red-200 hover:bg-red-50",
  "ghost-destructive": "text-red-600 hover:bg-red-50 hover:text-red-700",
} as const;

const SIZES = {
  sm: "h-8 px-3 text-xs gap-1.5",
  md: "h-9 px-4 text-sm gap-2",
  icon: "size-8",
} as const;

export type TButtonVariant = keyof typeof VARIANTS;

/** Class names of a button, for links that should look like one. */
export function buttonClass(variant: TButtonVariant = "primary", size: keyof typeof SIZES = "md", className?: string) {
  return cn(
    "inline-flex shrink-0 cursor-pointer items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors",
    "disabled:pointer-events-none disabled:opacity-50",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export interface TButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: TButtonVariant;
  size?: keyof typeof SIZES;
}

export const Button = forwardRef<HTMLButtonElement, TButtonProps>(function Button(
  { variant = "primary", size = "md", className, type = "button", ...props },
  ref,
) {
  return <button ref={ref} type={type} className={buttonClass(variant, size, className)} {...props} />;
});
