import { cn } from "./cn";

const TONES = {
  neutral: { box: "bg-zinc-100 text-zinc-700 ring-zinc-200", dot: "bg-zinc-400" },
  info: { box: "bg-sky-50 text-sky-800 ring-sky-200", dot: "bg-sky-500" },
  success: { box: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  warning: { box: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  danger: { box: "bg-red-50 text-red-800 ring-red-200", dot: "bg-red-500" },
} as const;

export type TBadgeTone = keyof typeof TONES;

/** Status by colour and text: the dot is decoration, the text carries the meaning. */
export function Badge({
  tone = "neutral",
  pulse = false,
  className,
  children,
}: {
  tone?: TBadgeTone;
  pulse?: boolean;
  className?: string;
  children: React.ReactNode;
}) {
  const style = TONES[tone];
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        style.box,
        className,
      )}
    >
      <span aria-hidden className={cn("size-1.5 rounded-full", style.dot, pulse && "animate-pulse")} />
      {children}
    </span>
  );
}

/** Tones for the run statuses of the schema (queued … interrupted). */
export const RUN_STATUS_TONE: Record<string, TBadgeTone> = {
  queued: "neutral",
  running: "info",
  completed: "success",
  cancelled: "neutral",
  failed: "danger",
  interrupted: "warning",
};
