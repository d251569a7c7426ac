import { useTranslations } from "next-intl";
import { Badge, type TBadgeTone } from "@/app/_components/ui/badge";
import type { TRunEvent } from "@/lib/engine/run-event";
import { useFormatTime } from "@/lib/i18n/use-format-time";

/** A RunEvent row as the page receives it (lib/runs/find-run-events.ts). */
export interface TRunEventItem extends TRunEvent {
  id: string;
  /** ISO time. */
  at: string;
}

const TONE: Record<TRunEvent["level"], TBadgeTone> = { info: "info", warning: "warning", error: "danger" };

/**
 * The run's events (a rendezvous policy that can never be met, an agent lost, …) as a list of
 * warnings. Each is rendered from its code and details in the reader's language (messages
 * `runEvents.codes.<code>`); a code without a message shows the stored English text. Renders
 * nothing when there are none. Server or client: no state.
 */
export function RunEvents({ events }: { events: TRunEventItem[] }) {
  const t = useTranslations("runEvents");
  const formatTime = useFormatTime();
  if (events.length === 0) return null;
  const text = (e: TRunEventItem) => {
    const key = `codes.${e.code}`;
    if (!t.has(key)) return e.message;
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.details ?? {})) if (typeof v === "string" || typeof v === "number") values[k] = v;
    return t(key, values);
  };
  return (
    <section aria-label={t("title")} data-testid="run-events" className="rounded-lg border border-amber-200 bg-amber-50/60 px-4 py-3">
      <h2 className="text-sm font-semibold text-amber-900">{t("title")}</h2>
      <ul className="mt-2 grid gap-1.5">
        {events.map((e) => (
          <li key={e.id} className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm text-zinc-800" data-code={e.code}>
            <Badge tone={TONE[e.level]}>{t(`levels.${e.level}`)}</Badge>
            <span className="min-w-0 flex-1">{text(e)}</span>
            <time dateTime={e.at} className="text-xs text-zinc-500 tabular-nums">
              {formatTime(e.at, "dateTimeSeconds", { zone: true })}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
