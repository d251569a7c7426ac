/**
 * The language a report is written in, for the share page's default: the text people typed (name,
 * notes, observations, problems) — CJK characters mean Chinese, Latin letters without any mean
 * English; a report of figures only says nothing (null: the viewer's own language applies).
 * Module names and URLs are left out: Chinese teams name services in Latin letters too.
 */
import type { TLocale } from "@/lib/i18n/locales";

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

export interface TReportText {
  name: string;
  notes: string;
  observations: { feature: string; status: string | null; note: string | null }[];
  problems: { title: string }[];
}

export function reportLocale(report: TReportText): TLocale | null {
  const texts = [
    report.name,
    report.notes,
    ...report.observations.flatMap((o) => [o.feature, o.status ?? "", o.note ?? ""]),
    ...report.problems.map((p) => p.title),
  ];
  if (texts.some((s) => CJK.test(s))) return "zh-CN";
  if (texts.some((s) => LATIN_WORD.test(s))) return "en";
  return null;
}
