import { getFormatter, getTranslations } from "next-intl/server";
import type { TModuleTrends } from "@/lib/trends/find-module-trends";
import { shiftDay, type TTrendDay } from "@/lib/trends/module-trends";
import { HeaderWithUnit, TBody, TD, TH, THead, TR, Table } from "@/app/_components/ui/table";
import { cn } from "@/app/_components/ui/cn";
import type { TTrendChartDay } from "./trend-charts";
import { TrendCharts } from "./trend-charts-lazy";

/**
 * Each module's daily figures over the last 30 days: four small charts and the table of days,
 * a regression (worse than the previous day with runs beyond the report comparison's noise band)
 * in red. `endDay`: the last day shown (the report's date, or today).
 */
export async function ModuleTrendsSection({
  trends: { modules: trends, endDay, days },
  isOpen = false,
}: {
  trends: TModuleTrends;
  /** Tables open (the module page) or folded (the report page, one per module). */
  isOpen?: boolean;
}) {
  const [t, format] = await Promise.all([getTranslations("trends"), getFormatter()]);
  const calendar = Array.from({ length: days }, (_, i) => shiftDay(endDay, i - days + 1));
  const titles = { rate: `${t("rate")} (/s)`, avg: `${t("avg")} (ms)`, p95: "p95 (ms)", err: `${t("errorPct")} (%)` };
  const num = (n: number | null, digits: number) =>
    n === null ? "—" : format.number(n, { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return (
    <div className="grid gap-4" data-testid="module-trends">
      {trends.map((trend) => {
        const byDay = new Map(trend.days.map((d) => [d.day, d]));
        const chartDays: TTrendChartDay[] = calendar.map((day) => {
          const d = byDay.get(day);
          return {
            day,
            rate: d ? round(d.ratePerSec) : null,
            avg: d ? round(d.avgMs) : null,
            p95: d?.p95Ms !== undefined && d.p95Ms !== null ? round(d.p95Ms) : null,
            err: d ? round(d.errorPct) : null,
            worse: d?.regression
              ? { rate: d.regression.rate, avg: d.regression.avg, p95: d.regression.p95, err: d.regression.errPct }
              : null,
          };
        });
        const regressions = trend.days.filter((d) => d.regression).length;
        return (
          <div
            key={trend.module}
            className="rounded-lg border border-zinc-200 bg-white shadow-xs"
            data-testid="module-trend"
            data-module={trend.module}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-zinc-100 px-4 py-2.5">
              <h3 className="text-sm font-semibold text-zinc-900">{trend.module}</h3>
              <p className="text-xs text-zinc-500">
                {t("daysWithRuns", { count: trend.days.length, days })}
                {regressions ? (
                  <span className="ml-2 font-medium text-red-700" data-testid="trend-regressions">
                    {t("regressions", { count: regressions })}
                  </span>
                ) : null}
              </p>
            </div>
            {trend.days.length === 0 ? (
              <p className="px-4 py-5 text-center text-sm text-zinc-500">{t("empty", { days })}</p>
            ) : (
              <>
                <div className="px-4 pt-3 pb-2">
                  <TrendCharts days={chartDays} titles={titles} />
                </div>
                <details open={isOpen} className="border-t border-zinc-100">
                  <summary className="cursor-pointer px-4 py-2 text-xs font-medium text-zinc-600 hover:text-zinc-900">
                    {t("tableToggle")}
                  </summary>
                  <Table aria-label={t("tableLabel", { module: trend.module })} data-testid="trend-table">
                    <THead>
                      <tr>
                        <TH>{t("day")}</TH>
                        <TH numeric>{t("runs")}</TH>
                        <TH numeric>
                          <HeaderWithUnit label={t("rate")} unit="/s" />
                        </TH>
                        <TH numeric>
                          <HeaderWithUnit label={t("avg")} unit="ms" />
                        </TH>
                        <TH numeric>
                          <HeaderWithUnit label="p95" unit="ms" />
                        </TH>
                        <TH numeric>
                          <HeaderWithUnit label={t("errorPct")} unit="%" />
                        </TH>
                        <TH>{t("flag")}</TH>
                      </tr>
                    </THead>
                    <TBody>
                      {[...trend.days].reverse().map((d) => (
                        <TR key={d.day} data-regression={d.regression ? "true" : undefined}>
                          <TD className="font-mono text-xs tabular-nums">{d.day}</TD>
                          <TD numeric>{format.number(d.runs)}</TD>
                          <TD numeric className={worse(d, "rate")}>
                            {num(d.ratePerSec, 1)}
                          </TD>
                          <TD numeric className={worse(d, "avg")}>
                            {num(d.avgMs, 0)}
                          </TD>
                          <TD numeric className={worse(d, "p95")}>
                            {num(d.p95Ms, 0)}
                          </TD>
                          <TD numeric className={worse(d, "errPct")}>
                            {num(d.errorPct, 2)}
                          </TD>
                          <TD className="text-xs">
                            {d.regression ? (
                              <span className="font-medium text-red-700" title={t("flagTitle", { day: d.baselineDay ?? "" })}>
                                ▲ {t("regression", { day: d.baselineDay ?? "" })}
                              </span>
                            ) : (
                              <span className="text-zinc-300">—</span>
                            )}
                          </TD>
                        </TR>
                      ))}
                    </TBody>
                  </Table>
                </details>
              </>
            )}
          </div>
        );
      })}
      <p className="text-xs text-zinc-500">{t("rule")}</p>
    </div>
  );
}

function worse(d: TTrendDay, figure: keyof NonNullable<TTrendDay["regression"]>): string | undefined {
  return cn(d.regression?.[figure] && "font-semibold text-red-700") || undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;
