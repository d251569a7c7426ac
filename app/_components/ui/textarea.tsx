import { forwardRef, type TextareaHTMLAttributes } from "react";
import { cn } from "./cn";
import { FIELD_CLASS } from "./input";

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement>>(function Textarea(
  { className, rows = 4, ...props },
  ref,
) {
  return <textarea ref={ref} rows={rows} className={cn(FIELD_CLASS, "py-2 leading-relaxed", className)} {...props} />;
});
