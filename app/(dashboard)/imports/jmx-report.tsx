"use client";

import { useTranslations } from "next-intl";
import { CodedText } from "@/app/_components/coded-message";
import type { TCodedMessage } from "@/lib/i18n/coded-messages";
import type { TJmxImportReport } from "@/lib/jmeter/jmx/import-jmx";

/** A report item's reason in the reader's language (lib/jmeter/jmx/jmx-reason-codes.ts); an item stored before codes shows its English. */
function Reason({ reason, parts }: { reason: string; parts?: TCodedMessage[] }) {
  const t = useTranslations("jmxReasons");
  return <CodedText namespace="jmxReasons" text={reason} parts={parts} separator={t("partSeparator")} />;
}

/**
 * What a JMX import reports: coverage of the plan's HTTP samplers, the launch parameters the
 * scenarios read (required ones first), thread groups that did not become a scenario, and every
 * element skipped or approximated, by path and line.
 */
export function JmxReport({ report }: { report: TJmxImportReport }) {
  const t = useTranslations("imports");
  const notes = [
    ...report.skipped.map((i) => ({ ...i, what: t("skipped") })),
    ...report.approximated.map((i) => ({ ...i, what: t("approximated") })),
  ];
  const params = [...(report.launchParameters ?? [])].sort(
    (a, b) => Number(b.required) - Number(a.required) || a.name.localeCompare(b.name),
  );
  const coverage = report.coverage;
  return (
    <div className="grid gap-3 text-xs" data-testid="jmx-report">
      {coverage && coverage.samplers > 0 ? (
        <p className={coverage.usable < coverage.samplers ? "text-amber-800" : "text-zinc-600"} data-testid="jmx-coverage">
          {t("coverage", { usable: coverage.usable, samplers: coverage.samplers })}
        </p>
      ) : null}
      {params.length ? (
        <div data-testid="jmx-launch-parameters">
          <h3 className="mb-1 font-semibold text-zinc-700">{t("launchParameters")}</h3>
          <p className="mb-1 text-zinc-500">{t("launchParametersHelp")}</p>
          <ul>
            {params.map((p) => (
              <li key={p.name} className="border-b border-zinc-100 py-1">
                <span className="font-mono">{p.name}</span>
                {p.required ? <span className="ml-2 rounded bg-amber-100 px-1 text-amber-900">{t("required")}</span> : null}
                {p.default !== undefined ? <span className="ml-2 text-zinc-500">{t("defaultValue", { value: p.default })}</span> : null}
                <span className="ml-2 text-zinc-400">({p.scenarios.join(", ")})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {report.notImported?.length ? (
        <div data-testid="jmx-not-imported">
          <h3 className="mb-1 font-semibold text-red-800">{t("notImported")}</h3>
          <ul>
            {report.notImported.map((n) => (
              <li key={n.path} className="border-b border-zinc-100 py-1">
                <span className="font-mono">{n.path}</span>: <Reason reason={n.reason} parts={n.parts} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {coverage?.notUsable.length ? (
        <div>
          <h3 className="mb-1 font-semibold text-zinc-700">{t("notUsable")}</h3>
          <ul>
            {coverage.notUsable.map((n) => (
              <li key={`${n.path}:${n.line}`} className="border-b border-zinc-100 py-1">
                <span className="font-mono">{n.path}</span> ({t("line", { line: n.line })}): <Reason reason={n.reason} parts={n.parts} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {notes.length ? (
        <div>
          <h3 className="mb-1 font-semibold text-zinc-700">{t("reportTitle")}</h3>
          <ul className="max-h-64 overflow-auto">
            {notes.map((n, i) => (
              <li key={i} className="border-b border-zinc-100 py-1">
                <span className="font-medium">{n.what}</span> · <span className="font-mono">{n.path}</span> ({n.element},{" "}
                {t("line", { line: n.line })}): <Reason reason={n.reason} parts={n.parts} />
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="text-zinc-500">{t("reportEmpty")}</p>
      )}
    </div>
  );
}
