"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { FIELD_CLASS, Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Textarea } from "@/app/_components/ui/textarea";
import type { TJmxImportReport } from "@/lib/jmeter/jmx/import-jmx";
import { ImportErrorText, ImportWarningText } from "./import-error-text";
import { IMPORTS_CHANGED } from "./imports-table";
import { JmxReport } from "./jmx-report";

interface TOption {
  id: string;
  name: string;
}

/** A failure carries the API's errorCode / errorParams when it gave them: shown in the reader's language. */
type TWarning = { code: string; params: Record<string, string | number>; line?: number };
type TOutcome =
  | { ok: true; text: string; runId?: string | null; warnings?: { text: string; warning?: TWarning }[] }
  | { ok: false; text: string; errorCode?: string | null; errorParams?: Record<string, string | number> | null }
  | null;
type TErrorBody = { error?: string; errorCode?: string | null; errorParams?: Record<string, string | number> | null };
const failure = (parsed: TErrorBody, fallback: string): TOutcome => ({
  ok: false,
  text: parsed.error ?? fallback,
  errorCode: parsed.errorCode,
  errorParams: parsed.errorParams,
});

const announce = () => window.dispatchEvent(new Event(IMPORTS_CHANGED));

function Card({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs">
      <h2 className="text-sm font-semibold text-zinc-900">{title}</h2>
      <p className="mt-1 mb-4 text-xs text-zinc-500">{description}</p>
      {children}
    </section>
  );
}

function Outcome({ outcome }: { outcome: TOutcome }) {
  const t = useTranslations("imports");
  if (!outcome) return null;
  return (
    <p
      role={outcome.ok ? "status" : "alert"}
      className={`mt-3 text-sm ${outcome.ok ? "text-emerald-700" : "text-red-700"}`}
      data-testid="import-outcome"
    >
      {outcome.ok ? (
        <>
          {outcome.text}
          {outcome.warnings?.map((w, i) => (
            <Fragment key={i}>
              {" · "}
              <ImportWarningText warning={w.warning} text={w.text} />
            </Fragment>
          ))}
        </>
      ) : (
        <ImportErrorText errorCode={outcome.errorCode} errorParams={outcome.errorParams} error={outcome.text} />
      )}{" "}
      {outcome.ok && outcome.runId ? (
        <Link className="font-medium text-sky-700 hover:underline" href={`/runs/${outcome.runId}`}>
          {t("openRun")}
        </Link>
      ) : null}
    </p>
  );
}

export function ImportForms({ rounds, modules }: { rounds: TOption[]; modules: TOption[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <JtlForm rounds={rounds} />
      <div className="grid gap-4">
        <LogForm rounds={rounds} />
        <JmxForm modules={modules} />
      </div>
    </div>
  );
}

function RoundSelect({ rounds, id }: { rounds: TOption[]; id: string }) {
  const t = useTranslations("imports");
  return (
    <div>
      <Label htmlFor={id}>{t("round")}</Label>
      <select id={id} name="reportId" className={FIELD_CLASS} defaultValue="">
        <option value="">{t("noRound")}</option>
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** JTL upload: XMLHttpRequest for the bytes sent, then the server-side processing (table polls). */
function JtlForm({ rounds }: { rounds: TOption[] }) {
  const t = useTranslations("imports");
  const router = useRouter();
  const [mapping, setMapping] = useState<"threadGroup" | "fixed" | "label">("threadGroup");
  const [sent, setSent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TOutcome>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setOutcome({ ok: false, text: t("chooseFile") });
      return;
    }
    // Text fields first, the file last: the server reads the options before the file streams in.
    const body = new FormData();
    for (const key of [
      "moduleMapping",
      "module",
      "moduleRules",
      "fields",
      "delimiter",
      "timestampFormat",
      "utcOffsetMinutes",
      "reportId",
    ]) {
      const v = form.get(key);
      if (typeof v === "string" && v.trim() !== "") body.append(key, v.trim());
    }
    // JMeter ≥ 3's summariser leaves Transaction Controller samples out of its totals.
    if (form.get("jmeter3") === "on") body.append("transactionsInTotals", "false");
    body.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/imports/jmeter");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setSent(Math.round((ev.loaded / ev.total) * 100));
    };
    xhr.onload = () => {
      setBusy(false);
      setSent(null);
      delete document.body.dataset.importUploading;
      announce();
      let parsed: TErrorBody & { data?: { samples: number; runId: string | null; warnings: string[] } } = {};
      try {
        parsed = JSON.parse(xhr.responseText) as typeof parsed;
      } catch {
        /* not JSON: status text below */
      }
      if (xhr.status === 201) {
        setOutcome({
          ok: true,
          text: t("jtlDone", { samples: (parsed.data?.samples ?? 0).toLocaleString() }),
          runId: parsed.data?.runId ?? null,
        });
        router.refresh();
      } else setOutcome(failure(parsed, `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => {
      setBusy(false);
      setSent(null);
      delete document.body.dataset.importUploading;
      setOutcome({ ok: false, text: t("networkError") });
    };
    setBusy(true);
    setOutcome(null);
    setSent(0);
    document.body.dataset.importUploading = "1";
    xhr.send(body);
    setTimeout(announce, 300);
  }

  return (
    <Card title={t("jtlTitle")} description={t("jtlDescription")}>
      <form onSubmit={onSubmit} className="grid gap-3" data-testid="jtl-form">
        <div>
          <Label htmlFor="jtl-file">{t("file")}</Label>
          <Input id="jtl-file" name="file" type="file" accept=".jtl,.csv,.xml,.txt" required />
        </div>
        <div className="grid grid-cols-2 gap-3">
          <div>
            <Label htmlFor="jtl-mapping">{t("moduleMapping")}</Label>
            <select
              id="jtl-mapping"
              name="moduleMapping"
              className={FIELD_CLASS}
              value={mapping}
              onChange={(e) => setMapping(e.target.value as typeof mapping)}
            >
              <option value="threadGroup">{t("byThreadGroup")}</option>
              <option value="fixed">{t("fixedModule")}</option>
              <option value="label">{t("byLabel")}</option>
            </select>
          </div>
          <div>
            <Label htmlFor="jtl-module">{mapping === "label" ? t("fallbackModule") : t("module")}</Label>
            <Input
              id="jtl-module"
              name="module"
              disabled={mapping === "threadGroup"}
              required={mapping === "fixed"}
              placeholder={t("modulePlaceholder")}
            />
          </div>
        </div>
        {mapping === "label" ? (
          <div>
            <Label htmlFor="jtl-rules">{t("moduleRules")}</Label>
            <Textarea
              id="jtl-rules"
              name="moduleRules"
              rows={3}
              required
              className="font-mono text-xs"
              placeholder={"^GET /vote => vote\n^POST /login => auth"}
            />
            <p className="mt-1 text-xs text-zinc-500">{t("moduleRulesHelp")}</p>
          </div>
        ) : null}
        <details className="text-sm">
          <summary className="cursor-pointer text-xs text-zinc-600">{t("csvOptions")}</summary>
          <div className="mt-2 grid gap-3">
            <div>
              <Label htmlFor="jtl-fields">{t("fields")}</Label>
              <Input
                id="jtl-fields"
                name="fields"
                placeholder="timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency"
              />
              <p className="mt-1 text-xs text-zinc-500">{t("fieldsHelp")}</p>
            </div>
            <div className="grid grid-cols-2 gap-3">
              <div>
                <Label htmlFor="jtl-delimiter">{t("delimiter")}</Label>
                <select id="jtl-delimiter" name="delimiter" className={FIELD_CLASS} defaultValue="">
                  <option value="">{t("detect")}</option>
                  <option value=",">,</option>
                  <option value=";">;</option>
                  <option value="tab">{t("tab")}</option>
                  <option value="|">|</option>
                </select>
              </div>
              <div>
                <Label htmlFor="jtl-ts">{t("timestampFormat")}</Label>
                <Input id="jtl-ts" name="timestampFormat" placeholder="yyyy/MM/dd HH:mm:ss.SSS" />
              </div>
            </div>
            <div>
              <Label htmlFor="jtl-utc">{t("utcOffset")}</Label>
              <Input id="jtl-utc" name="utcOffsetMinutes" type="number" min={-900} max={900} step={15} placeholder="480" />
              <p className="mt-1 text-xs text-zinc-500">{t("utcOffsetHelp")}</p>
            </div>
            <label className="flex items-start gap-2 text-xs text-zinc-700">
              <input type="checkbox" name="jmeter3" className="mt-0.5" />
              <span>{t("jmeter3")}</span>
            </label>
          </div>
        </details>
        <RoundSelect rounds={rounds} id="jtl-round" />
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? t("importing") : t("upload")}
          </Button>
          {sent !== null ? (
            <div className="flex-1">
              <div
                className="h-2 overflow-hidden rounded bg-zinc-200"
                role="progressbar"
                aria-label={t("uploadProgress")}
                aria-valuenow={sent}
                aria-valuemin={0}
                aria-valuemax={100}
              >
                <div className="h-full bg-sky-500 transition-[width]" style={{ width: `${sent}%` }} />
              </div>
              <p className="mt-1 text-xs text-zinc-500">{sent < 100 ? t("sending", { pct: sent }) : t("processing")}</p>
            </div>
          ) : null}
        </div>
        <Outcome outcome={outcome} />
      </form>
    </Card>
  );
}

function LogForm({ rounds }: { rounds: TOption[] }) {
  const t = useTranslations("imports");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TOutcome>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string> = {};
    for (const key of ["text", "module", "reportId"]) {
      const v = form.get(key);
      if (typeof v === "string" && v.trim() !== "") body[key] = key === "text" ? v : v.trim();
    }
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch("/api/imports/jmeter-log", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const parsed = (await res.json().catch(() => ({}))) as TErrorBody & {
        data?: { runId: string; rows: number; warnings: string[]; warningCodes?: TWarning[] };
      };
      if (res.status === 201) {
        setOutcome({
          ok: true,
          text: t("logDone", { rows: parsed.data?.rows ?? 0 }),
          warnings: (parsed.data?.warnings ?? []).map((text, i) => ({ text, warning: parsed.data?.warningCodes?.[i] })),
          runId: parsed.data?.runId ?? null,
        });
        announce();
        router.refresh();
      } else setOutcome(failure(parsed, `${res.status}`));
    } catch {
      setOutcome({ ok: false, text: t("networkError") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t("logTitle")} description={t("logDescription")}>
      <form onSubmit={onSubmit} className="grid gap-3" data-testid="log-form">
        <Textarea
          name="text"
          rows={5}
          required
          className="font-mono text-xs"
          placeholder="summary = 57553848 in 05:55:19 = 2699.6/s Avg: 17 Min: 1 Max: 50594 Err: 0 (0.00%)"
          aria-label={t("logText")}
        />
        <div className="grid grid-cols-2 gap-3">
          <div>
            <Label htmlFor="log-module">{t("module")}</Label>
            <Input id="log-module" name="module" placeholder={t("logModuleHelp")} />
          </div>
          <RoundSelect rounds={rounds} id="log-round" />
        </div>
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("importing") : t("importLog")}
          </Button>
        </div>
        <Outcome outcome={outcome} />
      </form>
    </Card>
  );
}

function JmxForm({ modules }: { modules: TOption[] }) {
  const t = useTranslations("imports");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<TOutcome>(null);
  const [created, setCreated] = useState<{ id: string; name: string; module: string }[]>([]);
  const [report, setReport] = useState<TJmxImportReport | null>(null);
  const [issues, setIssues] = useState<{ path: string; message: string }[]>([]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) return setOutcome({ ok: false, text: t("chooseFile") });
    const body = new FormData();
    const moduleId = form.get("moduleId");
    if (typeof moduleId === "string" && moduleId) body.append("moduleId", moduleId);
    body.append("file", file, file.name);
    setBusy(true);
    setOutcome(null);
    setReport(null);
    setCreated([]);
    setIssues([]);
    try {
      const res = await fetch("/api/imports/jmx", { method: "POST", body });
      const parsed = (await res.json().catch(() => ({}))) as TErrorBody & {
        issues?: { path: string; message: string }[];
        data?: { scenarios: { id: string; name: string; module: string }[]; report: TJmxImportReport };
      };
      if (res.status === 201) {
        setOutcome({ ok: true, text: t("jmxDone", { count: parsed.data?.scenarios.length ?? 0 }) });
        setCreated(parsed.data?.scenarios ?? []);
        setReport(parsed.data?.report ?? null);
        router.refresh();
      } else {
        setOutcome(failure(parsed, `${res.status}`));
        setIssues(parsed.issues ?? []);
      }
      announce();
    } catch {
      setOutcome({ ok: false, text: t("networkError") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t("jmxTitle")} description={t("jmxDescription")}>
      <form onSubmit={onSubmit} className="grid gap-3" data-testid="jmx-form">
        <div className="grid grid-cols-2 gap-3">
          <div>
            <Label htmlFor="jmx-file">{t("file")}</Label>
            <Input id="jmx-file" name="file" type="file" accept=".jmx,.xml" required />
          </div>
          <div>
            <Label htmlFor="jmx-module">{t("module")}</Label>
            <select id="jmx-module" name="moduleId" className={FIELD_CLASS} defaultValue="">
              <option value="">{t("moduleFromThreadGroup")}</option>
              {modules.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div>
          <Button type="submit" disabled={busy}>
            {busy ? t("importing") : t("importJmx")}
          </Button>
        </div>
        <Outcome outcome={outcome} />
        {created.length ? (
          <ul className="text-sm">
            {created.map((s) => (
              <li key={s.id}>
                <Link className="text-sky-700 hover:underline" href={`/scenarios/${s.id}`}>
                  {s.name}
                </Link>{" "}
                <span className="text-xs text-zinc-500">({s.module})</span>
              </li>
            ))}
          </ul>
        ) : null}
        {issues.length ? (
          <ul className="list-disc pl-5 text-xs text-red-700">
            {issues.map((i, n) => (
              <li key={n}>
                <span className="font-mono">{i.path}</span>: {i.message}
              </li>
            ))}
          </ul>
        ) : null}
        {report ? <JmxReport report={report} /> : null}
      </form>
    </Card>
  );
}
