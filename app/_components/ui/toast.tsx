"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { cn } from "./cn";

type TToastTone = "success" | "error" | "info";

interface TToast {
  id: number;
  message: string;
  tone: TToastTone;
}

interface TToastApi {
  toast: (message: string, tone?: TToastTone) => void;
}

const ToastContext = createContext<TToastApi | null>(null);

/** How long a toast stays: long enough to read two lines, short enough not to pile up. */
const TOAST_MS = 4000;

/** Renders toasts in a polite live region at the bottom right. Mount once, in the dashboard layout. */
export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = useState<TToast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = useCallback(
    (message: string, tone: TToastTone = "success") => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, message, tone }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ toast }), [toast]);

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" role="status" className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            className={cn(
              "pointer-events-auto flex items-start gap-2.5 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg",
              t.tone === "error" ? "border-red-200" : "border-zinc-200",
            )}
          >
            <span
              aria-hidden
              className={cn(
                "mt-1.5 size-2 shrink-0 rounded-full",
                t.tone === "success" && "bg-emerald-500",
                t.tone === "error" && "bg-red-500",
                t.tone === "info" && "bg-sky-500",
              )}
            />
            <span className="flex-1 text-zinc-800">{t.message}</span>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): TToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast() needs <ToastProvider> above it");
  return api;
}
