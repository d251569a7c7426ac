"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import type { TScenarioIssue } from "@/lib/engine/scenario";
import { guessFormat, importScenarioText, serialiseDocument, type TEditorState, type TFileFormat } from "./editor-state";

function fileName(name: string, format: TFileFormat): string {
  const base =
    name
      .trim()
      .replace(/[^\p{L}\p{N}._-]+/gu, "-")
      .replace(/^-+|-+$/g, "") || "scenario";
  return `${base}.${format === "yaml" ? "yaml" : "json"}`;
}

/** Export the editor's document in the engine's file format, and import one (paste or file). */
export function FilePanel({ document, name, onImport }: { document: unknown; name: string; onImport: (state: TEditorState) => void }) {
  const t = useTranslations("scenarios.file");
  const { toast } = useToast();
  const [format, setFormat] = useState<TFileFormat>("yaml");
  const [text, setText] = useState("");
  const [errors, setErrors] = useState<TScenarioIssue[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const pasteId = useId();
  const exported = useMemo(() => serialiseDocument(document, format), [document, format]);

  const download = () => {
    const blob = new Blob([exported], { type: format === "yaml" ? "application/yaml" : "application/json" });
    const url = URL.createObjectURL(blob);
    const a = window.document.createElement("a");
    a.href = url;
    a.download = fileName(name, format);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const copy = async () => {
    await navigator.clipboard?.writeText(exported);
    toast(t("copied"), "info");
  };

  const runImport = (source: string, hint?: string) => {
    const result = importScenarioText(source, guessFormat(source, hint));
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setText("");
    onImport(result.state);
    toast(t("imported", { name: result.state.name || "—" }));
  };

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <section
        className="grid content-start gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs"
        aria-labelledby={`${pasteId}-export`}
      >
        <div className="flex items-center gap-2">
          <h2 id={`${pasteId}-export`} className="text-sm font-semibold">
            {t("export")}
          </h2>
          <div role="radiogroup" aria-label={t("export")} className="ml-auto inline-flex rounded-md bg-zinc-100 p-0.5">
            {(["yaml", "json"] as const).map((f) => (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={format === f}
                onClick={() => setFormat(f)}
                className={cn(
                  "h-7 rounded px-2.5 text-xs font-medium",
                  format === f ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-600 hover:text-zinc-900",
                )}
              >
                {f === "yaml" ? t("formatYaml") : t("formatJson")}
              </button>
            ))}
          </div>
        </div>
        <p className="text-xs text-zinc-500">{t("exportHint")}</p>
        <pre
          data-testid="scenario-export"
          className="max-h-[28rem] overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-[12px] leading-relaxed text-zinc-800"
        >
          {exported}
        </pre>
        <div className="flex gap-2">
          <Button variant="outline" size="sm" onClick={download}>
            {t("download")}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => void copy()}>
            {t("copy")}
          </Button>
        </div>
      </section>
      <section
        className="grid content-start gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs"
        aria-labelledby={`${pasteId}-import`}
      >
        <h2 id={`${pasteId}-import`} className="text-sm font-semibold">
          {t("import")}
        </h2>
        <p className="text-xs text-zinc-500">{t("importHint")}</p>
        <label htmlFor={pasteId} className="text-xs font-medium text-zinc-600">
          {t("paste")}
        </label>
        <textarea
          id={pasteId}
          rows={14}
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setErrors([]);
          }}
          aria-invalid={errors.length > 0 || undefined}
          placeholder={
            "name: vote\nmodule: Vote_Interface_Test\nbaseUrl: http://127.0.0.1:18080\nload: { vus: 20, durationSeconds: 30 }\nsteps:\n  - request: { path: /vote }"
          }
          className={cn(FIELD_CLASS, "py-2 font-mono text-[12px] leading-relaxed")}
        />
        {errors.length > 0 ? (
          <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-xs text-red-700">
            <p className="font-medium">{t("importFailed")}</p>
            <ul className="mt-1 list-disc pl-4">
              {errors.map((e, i) => (
                <li key={i}>{e.path ? `${e.path}: ${e.message}` : e.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex gap-2">
          <Button size="sm" disabled={text.trim() === ""} onClick={() => runImport(text)}>
            {t("importButton")}
          </Button>
          <Button variant="outline" size="sm" onClick={() => fileInput.current?.click()}>
            {t("chooseFile")}
          </Button>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
            className="sr-only"
            aria-label={t("chooseFile")}
            tabIndex={-1}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              e.target.value = "";
              if (file) runImport(await file.text(), file.name);
            }}
          />
        </div>
      </section>
    </div>
  );
}
