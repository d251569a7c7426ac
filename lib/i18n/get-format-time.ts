import { getTimeZone } from "next-intl/server";
import { formatTime, type TTimeFormat } from "@/lib/time/format-time";

/** formatTime in the reader's display zone, for async server components (see use-format-time.ts). */
export async function getFormatTime(): Promise<(value: Date | string | number, format?: TTimeFormat, o?: { zone?: boolean }) => string> {
  const timeZone = await getTimeZone();
  return (value, format, o) => formatTime(value, timeZone, format, o);
}
