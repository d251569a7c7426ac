"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { isActionError } from "@/app/_lib/action-result";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { SEVERITIES, type TReportProblem } from "@/lib/problems/problem.types";
import { createProblemAction } from "@/app/(dashboard)/problems/actions";
import { PROBLEM_SEVERITY_TONE, PROBLEM_STATUS_TONE } from "@/app/(dashboard)/reports/_components/problem-tones";

/**
 * Current problems (当前存在的问题) as they stood at the end of the report's day, by their own
 * numbers as in the export. Problems carried over from earlier
 * rounds say where they came from; new ones are added here with this round as their first report.
 */
export function ReportProblems({ reportId, problems }: { reportId: string; problems: TReportProblem[] }) {
  const t = useTranslations("reports");
  const ts = useTranslations("problems.status");
  const tsev = useTranslations("problems.severity");
  return (
    <div>
      {problems.length === 0 ? (
        <p className="px-4 pt-5 pb-2 text-center text-sm text-zinc-500">{t("problemsEmpty")}</p>
      ) : (
        <ol className="divide-y divide-zinc-100">
          {problems.map((p) => (
            <li key={p.id} className="flex items-start gap-3 px-4 py-2.5 text-sm">
              <span className="w-8 shrink-0 pt-0.5 text-right font-mono text-xs text-zinc-400 tabular-nums">#{p.number}</span>
              <div className="min-w-0 flex-1">
                <p className="text-zinc-900">
                  <Link href={`/problems?open=${p.number}`} className="hover:text-accent hover:underline">
                    {p.title}
                  </Link>
                </p>
                <p className="mt-0.5 text-xs text-zinc-500">
                  {p.isNew
                    ? t("problemNew")
                    : p.firstReportedIn
                      ? t("problemCarried", { name: p.firstReportedIn.name, date: p.firstReportedIn.date })
                      : t("problemCarriedLoose")}
                  {p.latestNote?.body ? ` · ${p.latestNote.body}` : ""}
                </p>
              </div>
              <Badge tone={PROBLEM_SEVERITY_TONE[p.severity]}>{tsev(p.severity)}</Badge>
              <Badge tone={PROBLEM_STATUS_TONE[p.status]}>{ts(p.status)}</Badge>
            </li>
          ))}
        </ol>
      )}
      <NewProblemForm reportId={reportId} />
    </div>
  );
}

function NewProblemForm({ reportId }: { reportId: string }) {
  const t = useTranslations("reports");
  const tsev = useTranslations("problems.severity");
  const { toast } = useToast();
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState("major");
  const [error, setError] = useState<string>();
  const [isPending, startTransition] = useTransition();
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createProblemAction({ title, severity, reportId });
      if (isActionError(result)) {
        setError(result.error);
        return;
      }
      setError(undefined);
      setTitle("");
      toast(t("problemAdded", { number: result.data.number }));
    });
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-start gap-2 border-t border-zinc-100 bg-zinc-50/60 px-4 py-2.5">
      <div className="min-w-64 flex-1">
        <input
          aria-label={t("newProblem.title")}
          placeholder={t("newProblem.placeholder")}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          className={cn(FIELD_CLASS, "h-8")}
          aria-invalid={Boolean(error)}
        />
        {error ? (
          <p role="alert" className="mt-1 text-xs text-red-600">
            {error}
          </p>
        ) : null}
      </div>
      <div className="w-32">
        <select
          aria-label={t("newProblem.severity")}
          value={severity}
          onChange={(e) => setSeverity(e.target.value)}
          className={cn(FIELD_CLASS, "h-8")}
        >
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {tsev(s)}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" variant="outline" disabled={isPending || !title.trim()}>
        {t("newProblem.add")}
      </Button>
    </form>
  );
}
