import { useTimeZone } from "next-intl";
import { useCallback } from "react";
import { formatTime, type TTimeFormat } from "@/lib/time/format-time";

/**
 * formatTime in the reader's display zone, for client components (and non-async server ones): the
 * zone comes from next-intl (lib/i18n/request.ts, handed down by the root layout's provider), so
 * the server's HTML and the browser's render agree.
 */
export function useFormatTime(): (value: Date | string | number, format?: TTimeFormat, o?: { zone?: boolean }) => string {
  const timeZone = useTimeZone() ?? "UTC";
  return useCallback((value, format, o) => formatTime(value, timeZone, format, o), [timeZone]);
}
