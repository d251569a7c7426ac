import { cn } from "./cn";
import { FieldMessage, Label } from "./label";

/** A label over its control (and any hint after it), the column every form here uses. */
export function Field({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: React.ReactNode;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn("flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}

/** A form's error line, or nothing. */
export function FormError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? (
    <FieldMessage id={id} error>
      {error}
    </FieldMessage>
  ) : null;
}
