/** Small formatting helpers shared by the live and results views (no React, no i18n). */

/** Seconds as m:ss, or h:mm:ss from one hour on (the run's time axis). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** hh:mm:ss as JMeter prints elapsed time. */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.trunc(seconds));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.trunc(s / 3600))}:${pad(Math.trunc((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** Milliseconds for tables: whole ms from 100 on, one decimal below (fast local targets). */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return "—";
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : (Math.round(value * 10) / 10).toFixed(1);
}

/** A date from a server-rendered prop (Date) or a JSON response (ISO string). */
export function toDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
