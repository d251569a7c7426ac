"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Dialog, DialogFooter } from "./dialog";
import { usePendingError } from "./use-pending-error";

/** The red box a form or dialog shows for an error that belongs to no single field. */
export function FormAlert({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <p role="alert" className={cn("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700", className)}>
      {children}
    </p>
  );
}

/**
 * "New …" button with its dialog, so a list page can stay a server component. The dialog renders
 * its children only while open, so a form inside starts empty each time.
 */
export function NewItemButton({
  label,
  title,
  description,
  className,
  children,
}: {
  label: React.ReactNode;
  title: React.ReactNode;
  description?: React.ReactNode;
  className?: string;
  children: (close: () => void) => React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <svg viewBox="0 0 16 16" className="size-3.5" aria-hidden>
          <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
        </svg>
        {label}
      </Button>
      <Dialog open={open} onOpenChange={setOpen} title={title} description={description} className={className}>
        {children(() => setOpen(false))}
      </Dialog>
    </>
  );
}

/** Cancel and submit at the foot of a dialog's form; both wait while it is pending. */
export function FormDialogFooter({
  onCancel,
  isPending,
  submitLabel,
}: {
  onCancel: () => void;
  isPending: boolean;
  submitLabel: React.ReactNode;
}) {
  const common = useTranslations("common");
  return (
    <DialogFooter>
      <Button variant="outline" onClick={onCancel} disabled={isPending}>
        {common("cancel")}
      </Button>
      <Button type="submit" disabled={isPending}>
        {isPending ? common("saving") : submitLabel}
      </Button>
    </DialogFooter>
  );
}

/**
 * Confirmation before deleting one item. `onConfirm` resolves to an error text or nothing; with
 * `blocked` the dialog only explains (no delete button).
 */
export function ConfirmDeleteDialog({
  open,
  onOpenChange,
  title,
  message,
  blocked = false,
  onConfirm,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: React.ReactNode;
  message: React.ReactNode;
  blocked?: boolean;
  onConfirm: () => Promise<string | undefined>;
}) {
  const common = useTranslations("common");
  const { error, setError, isPending, run } = usePendingError();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setError(undefined);
        onOpenChange(next);
      }}
      title={title}
    >
      <p className="text-sm text-zinc-600">{message}</p>
      {error ? <FormAlert className="mt-3">{error}</FormAlert> : null}
      <DialogFooter>
        <Button variant="outline" onClick={() => onOpenChange(false)} disabled={isPending}>
          {common("cancel")}
        </Button>
        {blocked ? null : (
          <Button variant="destructive" onClick={() => run(onConfirm)} disabled={isPending}>
            {isPending ? common("deleting") : common("delete")}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
