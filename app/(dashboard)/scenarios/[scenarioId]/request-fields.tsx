"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { cn } from "@/app/_components/ui/cn";
import { FIELD_CLASS } from "@/app/_components/ui/input";
import { Field, GroupIssues, ICONS, IconButton, Prefixed, Select, TextInput } from "./editor-fields";
import {
  HTTP_METHODS,
  type TBodyMode,
  type TExpectDraft,
  type TExtractKind,
  type TExtractRow,
  type TMultipartDraft,
  type TMultipartFileDraft,
  type TPair,
  type TRequestDraft,
  type TVariableCheckKind,
  type TVariableCheckRow,
  VARIABLE_CHECKS,
} from "./editor-state";

const EMPTY_EXPECT: TExpectDraft = { status: "", bodyContains: "", bodyNotContains: "", json: null, maxMs: "", variables: null, extra: {} };
const NEW_FILE: TMultipartFileDraft = { field: "file", filename: "", contentType: "", source: "content", content: "", file: "", extra: {} };

/** The one-line part of a request: method, path, label. */
export function RequestLine({ request, path, onChange }: { request: TRequestDraft; path: string; onChange: (r: TRequestDraft) => void }) {
  const t = useTranslations("scenarios.editor");
  const method = (request.method || "GET").toUpperCase();
  return (
    <div className="grid grid-cols-[7rem_minmax(0,2fr)_minmax(0,1fr)] gap-2">
      <Field label={t("method")} path={`${path}.method`}>
        {(p) => (
          <Select {...p} value={method} onValueChange={(m) => onChange({ ...request, method: m })} className="font-mono text-[13px]">
            {HTTP_METHODS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
            {!HTTP_METHODS.includes(method as (typeof HTTP_METHODS)[number]) ? <option value={method}>{method}</option> : null}
          </Select>
        )}
      </Field>
      <Field label={t("path")} path={`${path}.path`}>
        {(p) => (
          <TextInput
            {...p}
            value={request.path}
            onValueChange={(v) => onChange({ ...request, path: v })}
            placeholder={t("pathPlaceholder")}
            className="font-mono text-[13px]"
          />
        )}
      </Field>
      <Field label={t("requestName")} path={`${path}.name`}>
        {(p) => (
          <TextInput
            {...p}
            value={request.name}
            onValueChange={(v) => onChange({ ...request, name: v })}
            placeholder={`${method} ${request.path}`}
          />
        )}
      </Field>
    </div>
  );
}

/** Summary chips of what the details hold, so a collapsed request still tells its story. */
export function requestSummary(r: TRequestDraft, t: (key: string) => string): string[] {
  const out: string[] = [];
  if (r.headers?.length) out.push(`${t("headers")} ${r.headers.length}`);
  if (r.query?.length) out.push(`${t("query")} ${r.query.length}`);
  if (r.bodyMode !== "none") out.push(`${t("body")} ${t(`body${r.bodyMode[0]?.toUpperCase()}${r.bodyMode.slice(1)}`)}`);
  if (r.extract?.length) out.push(`${t("extract")} ${r.extract.map((e) => e.name).join(", ")}`);
  if (r.expect) {
    const parts = [
      r.expect.status,
      r.expect.bodyContains && `“${r.expect.bodyContains}”`,
      r.expect.maxMs && `≤ ${r.expect.maxMs} ms`,
    ].filter(Boolean);
    out.push(`${t("expect")}${parts.length ? ` ${parts.join(" ")}` : ""}`);
  }
  if (r.timeout) out.push(`${t("timeout")} ${r.timeout}`);
  return out;
}

/** Headers, query, body, timeout, extract, expect. */
export function RequestDetails({
  request,
  path,
  onChange,
}: {
  request: TRequestDraft;
  path: string;
  onChange: (r: TRequestDraft) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const set = (patch: Partial<TRequestDraft>) => onChange({ ...request, ...patch });
  const bodyModes: TBodyMode[] = ["none", "json", "text", "form", "multipart"];
  return (
    <div className="grid gap-4 border-t border-zinc-100 pt-3">
      <div className="grid gap-4 md:grid-cols-2">
        <PairsEditor title={t("headers")} path={`${path}.headers`} pairs={request.headers} onChange={(headers) => set({ headers })} />
        <PairsEditor title={t("query")} path={`${path}.query`} pairs={request.query} onChange={(query) => set({ query })} />
      </div>
      <div className="grid gap-2">
        <div className="flex items-end gap-3">
          <div className="flex flex-col gap-1">
            <span className="text-xs font-medium text-zinc-600">{t("body")}</span>
            <div role="radiogroup" aria-label={t("body")} className="inline-flex h-8 items-center rounded-md bg-zinc-100 p-0.5">
              {bodyModes.map((mode) => (
                <button
                  key={mode}
                  type="button"
                  role="radio"
                  aria-checked={request.bodyMode === mode}
                  onClick={() =>
                    set({
                      bodyMode: mode,
                      ...(mode === "form" && request.form === null ? { form: [{ key: "", value: "" }] } : {}),
                      ...(mode === "multipart" && request.multipart === null
                        ? { multipart: { fields: null, files: [{ ...NEW_FILE }], extra: {} } }
                        : {}),
                    })
                  }
                  className={cn(
                    "h-7 rounded px-2.5 text-xs font-medium",
                    request.bodyMode === mode ? "bg-white text-zinc-900 shadow-xs" : "text-zinc-600 hover:text-zinc-900",
                  )}
                >
                  {t(`body${mode[0]?.toUpperCase()}${mode.slice(1)}`)}
                </button>
              ))}
            </div>
          </div>
          <label className="ml-auto flex h-8 items-center gap-2 text-xs font-medium text-zinc-600" title={t("followRedirectsHint")}>
            <input
              type="checkbox"
              className="size-4 rounded border-zinc-300"
              checked={request.followRedirects !== false}
              onChange={(e) => set({ followRedirects: e.target.checked })}
            />
            {t("followRedirects")}
          </label>
          <Field label={t("timeout")} path={`${path}.timeoutSeconds`} className="w-28">
            {(p) => <TextInput {...p} numeric value={request.timeout} onValueChange={(timeout) => set({ timeout })} placeholder="60" />}
          </Field>
        </div>
        {request.bodyMode === "json" ? (
          <Field label={t("bodyJson")} path={`${path}.json`}>
            {(p) => (
              <textarea
                {...p}
                rows={Math.min(12, Math.max(3, request.jsonText.split("\n").length))}
                spellCheck={false}
                value={request.jsonText}
                onChange={(e) => set({ jsonText: e.target.value })}
                placeholder='{ "user": "${user}" }'
                className={cn(FIELD_CLASS, "py-1.5 font-mono text-[13px] leading-snug")}
              />
            )}
          </Field>
        ) : null}
        {request.bodyMode === "text" ? (
          <Field label={t("bodyText")} path={`${path}.body`}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                spellCheck={false}
                value={request.bodyText}
                onChange={(e) => set({ bodyText: e.target.value })}
                className={cn(FIELD_CLASS, "py-1.5 font-mono text-[13px] leading-snug")}
              />
            )}
          </Field>
        ) : null}
        {request.bodyMode === "form" ? (
          <PairsEditor title={t("bodyForm")} path={`${path}.form`} pairs={request.form} onChange={(form) => set({ form: form ?? [] })} />
        ) : null}
        {request.bodyMode === "multipart" ? (
          <MultipartEditor
            path={`${path}.multipart`}
            multipart={request.multipart ?? { fields: null, files: null, extra: {} }}
            onChange={(multipart) => set({ multipart })}
          />
        ) : null}
        <GroupIssues paths={[path]} />
      </div>
      <ExtractEditor path={`${path}.extract`} rows={request.extract} onChange={(extract) => set({ extract })} />
      <ExpectEditor path={`${path}.expect`} expect={request.expect} onChange={(expect) => set({ expect })} />
    </div>
  );
}

function SectionTitle({ title, hint, onAdd, addLabel }: { title: string; hint?: string; onAdd?: () => void; addLabel?: string }) {
  const t = useTranslations("scenarios.editor");
  return (
    <div className="flex items-center gap-2">
      <span className="text-xs font-medium text-zinc-600">{title}</span>
      {hint ? <span className="truncate text-xs text-zinc-400">{hint}</span> : null}
      {onAdd ? (
        <button
          type="button"
          onClick={onAdd}
          aria-label={addLabel}
          className="ml-auto rounded px-1.5 py-0.5 text-xs font-medium text-accent hover:bg-accent/10"
        >
          + {t("addRow")}
        </button>
      ) : null}
    </div>
  );
}

/** Key/value rows; `null` = the key is absent from the document, [] = present and empty. */
export function PairsEditor({
  title,
  path,
  pairs,
  onChange,
  valueLabel,
}: {
  title: string;
  path: string;
  pairs: TPair[] | null;
  onChange: (pairs: TPair[] | null) => void;
  valueLabel?: string;
}) {
  const t = useTranslations("scenarios.editor");
  const rows = pairs ?? [];
  const setRow = (i: number, patch: Partial<TPair>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="grid gap-1.5">
      <SectionTitle title={title} onAdd={() => onChange([...rows, { key: "", value: "" }])} addLabel={`${t("addRow")}: ${title}`} />
      {rows.map((row, i) => (
        <div key={i} className="grid grid-cols-[minmax(0,1fr)_minmax(0,1.4fr)_auto] gap-1.5">
          <TextInput
            aria-label={`${title} ${i + 1}: ${t("key")}`}
            placeholder={t("key")}
            value={row.key}
            onValueChange={(key) => setRow(i, { key })}
            className="font-mono text-[13px]"
          />
          <TextInput
            aria-label={`${title} ${i + 1}: ${valueLabel ?? t("value")}`}
            placeholder={valueLabel ?? t("value")}
            value={row.value}
            onValueChange={(value) => setRow(i, { value })}
            className="font-mono text-[13px]"
          />
          <IconButton
            label={`${t("removeRow")} ${i + 1}`}
            icon={ICONS.close}
            onClick={() => onChange(rows.length === 1 ? null : rows.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <GroupIssues paths={[path, ...rows.map((r) => `${path}.${r.key}`)]} />
    </div>
  );
}

function ExtractEditor({
  path,
  rows,
  onChange,
}: {
  path: string;
  rows: TExtractRow[] | null;
  onChange: (rows: TExtractRow[] | null) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const list = rows ?? [];
  const setRow = (i: number, patch: Partial<TExtractRow>) => onChange(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const kinds: { kind: TExtractKind; label: string; placeholder: string }[] = [
    { kind: "json", label: t("extractJson"), placeholder: "$.data.token" },
    { kind: "regex", label: t("extractRegex"), placeholder: "sid=(\\w+)" },
    { kind: "header", label: t("extractHeader"), placeholder: "Location" },
  ];
  return (
    <div className="grid gap-1.5">
      <SectionTitle
        title={t("extract")}
        hint={t("extractHint")}
        addLabel={`${t("addRow")}: ${t("extract")}`}
        onAdd={() => onChange([...list, { name: "", kind: "json", expr: "", group: "", defaultValue: null, match: "", extra: {} }])}
      />
      {list.map((row, i) => {
        const kind = kinds.find((k) => k.kind === row.kind) ?? kinds[0]!;
        return (
          <div key={i} className="grid grid-cols-[minmax(0,1fr)_9rem_minmax(0,2fr)_4rem_4rem_minmax(0,1fr)_auto] gap-1.5">
            <TextInput
              aria-label={`${t("extract")} ${i + 1}: ${t("extractVar")}`}
              placeholder={t("extractVar")}
              value={row.name}
              onValueChange={(name) => setRow(i, { name })}
              className="font-mono text-[13px]"
            />
            <Select
              aria-label={`${t("extract")} ${i + 1}: ${t("extractFrom")}`}
              value={row.kind}
              onValueChange={(k) => setRow(i, { kind: k as TExtractKind })}
            >
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </Select>
            <TextInput
              aria-label={`${t("extract")} ${i + 1}: ${t("extractExpr")}`}
              placeholder={kind.placeholder}
              value={row.expr}
              onValueChange={(expr) => setRow(i, { expr })}
              className="font-mono text-[13px]"
            />
            {row.kind === "regex" ? (
              <TextInput
                aria-label={`${t("extract")} ${i + 1}: ${t("extractGroup")}`}
                placeholder="1"
                numeric
                value={row.group}
                onValueChange={(group) => setRow(i, { group })}
              />
            ) : (
              <span />
            )}
            <TextInput
              aria-label={`${t("extract")} ${i + 1}: ${t("extractMatch")}`}
              title={t("extractMatch")}
              placeholder="1"
              numeric
              value={row.match}
              onValueChange={(match) => setRow(i, { match })}
            />
            <TextInput
              aria-label={`${t("extract")} ${i + 1}: ${t("extractDefault")}`}
              title={t("extractDefault")}
              placeholder={t("extractDefault")}
              value={row.defaultValue ?? ""}
              onValueChange={(v) => setRow(i, { defaultValue: v === "" ? null : v })}
              className="font-mono text-[13px]"
            />
            <IconButton
              label={`${t("removeRow")} ${i + 1}`}
              icon={ICONS.close}
              onClick={() => onChange(list.length === 1 ? null : list.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      {list.length > 0 ? <p className="text-xs text-zinc-500">{t("extractMatchHint")}</p> : null}
      <GroupIssues
        paths={[
          path,
          ...list.flatMap((r) => [
            `${path}.${r.name}`,
            `${path}.${r.name}.${r.kind}`,
            `${path}.${r.name}.group`,
            `${path}.${r.name}.match`,
            `${path}.${r.name}.default`,
          ]),
        ]}
      />
    </div>
  );
}

function ExpectEditor({
  path,
  expect,
  onChange,
}: {
  path: string;
  expect: TExpectDraft | null;
  onChange: (e: TExpectDraft | null) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const [open, setOpen] = useState(expect !== null);
  const e = expect ?? EMPTY_EXPECT;
  const set = (patch: Partial<TExpectDraft>) => onChange({ ...e, ...patch });
  if (!open && expect === null)
    return (
      <SectionTitle
        title={t("expect")}
        hint={t("expectStatusHint")}
        addLabel={`${t("addRow")}: ${t("expect")}`}
        onAdd={() => (setOpen(true), onChange({ ...EMPTY_EXPECT }))}
      />
    );
  return (
    <div className="grid gap-1.5">
      <div className="flex items-center gap-2">
        <span className="text-xs font-medium text-zinc-600">{t("expect")}</span>
        <span className="ml-auto">
          <IconButton label={`${t("removeRow")}: ${t("expect")}`} icon={ICONS.close} onClick={() => (setOpen(false), onChange(null))} />
        </span>
      </div>
      <div className="grid grid-cols-[8rem_minmax(0,1fr)_minmax(0,1fr)_9rem] gap-2">
        <Field label={t("expectStatus")} path={`${path}.status`}>
          {(p) => (
            <TextInput
              {...p}
              value={e.status}
              onValueChange={(status) => set({ status })}
              placeholder="200"
              className="font-mono text-[13px]"
            />
          )}
        </Field>
        <Field label={t("expectBodyContains")} path={`${path}.bodyContains`}>
          {(p) => <TextInput {...p} value={e.bodyContains} onValueChange={(bodyContains) => set({ bodyContains })} />}
        </Field>
        <Field label={t("expectBodyNotContains")} path={`${path}.bodyNotContains`}>
          {(p) => <TextInput {...p} value={e.bodyNotContains} onValueChange={(bodyNotContains) => set({ bodyNotContains })} />}
        </Field>
        <Field label={t("expectMaxMs")} path={`${path}.maxMs`}>
          {(p) => <TextInput {...p} numeric value={e.maxMs} onValueChange={(maxMs) => set({ maxMs })} placeholder="—" />}
        </Field>
      </div>
      <PairsEditor
        title={t("expectJson")}
        path={`${path}.json`}
        pairs={e.json}
        valueLabel={t("expectJsonValue")}
        onChange={(json) => set({ json })}
      />
      <VariableChecksEditor path={`${path}.variables`} rows={e.variables} onChange={(variables) => set({ variables })} />
      <GroupIssues paths={[path]} />
    </div>
  );
}

/** expect.variables: variable name, check, value — one row per check, checked after the extractors. */
function VariableChecksEditor({
  path,
  rows,
  onChange,
}: {
  path: string;
  rows: TVariableCheckRow[] | null;
  onChange: (rows: TVariableCheckRow[] | null) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const list = rows ?? [];
  const title = t("expectVariables");
  const setRow = (i: number, patch: Partial<TVariableCheckRow>) => onChange(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="grid gap-1.5">
      <SectionTitle
        title={title}
        hint={t("expectVariablesHint")}
        addLabel={`${t("addRow")}: ${title}`}
        onAdd={() => onChange([...list, { name: "", check: "equals", value: "" }])}
      />
      {list.map((row, i) => (
        <div key={i} className="grid grid-cols-[minmax(0,1fr)_9rem_minmax(0,1.4fr)_auto] gap-1.5">
          <TextInput
            aria-label={`${title} ${i + 1}: ${t("extractVar")}`}
            placeholder={t("extractVar")}
            value={row.name}
            onValueChange={(name) => setRow(i, { name })}
            className="font-mono text-[13px]"
          />
          <Select
            aria-label={`${title} ${i + 1}: ${t("expectVariableCheck")}`}
            value={row.check}
            onValueChange={(c) => setRow(i, { check: c as TVariableCheckKind })}
          >
            {VARIABLE_CHECKS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
          <TextInput
            aria-label={`${title} ${i + 1}: ${t("value")}`}
            placeholder={t("value")}
            value={row.value}
            onValueChange={(value) => setRow(i, { value })}
            className="font-mono text-[13px]"
          />
          <IconButton
            label={`${t("removeRow")} ${i + 1}`}
            icon={ICONS.close}
            onClick={() => onChange(list.length === 1 ? null : list.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <GroupIssues paths={[path, ...list.flatMap((r) => [`${path}.${r.name}`, `${path}.${r.name}.${r.check}`])]} />
    </div>
  );
}

/** multipart/form-data: text fields, and files with inline content (or a path the CLI reads). */
function MultipartEditor({
  path,
  multipart,
  onChange,
}: {
  path: string;
  multipart: TMultipartDraft;
  onChange: (m: TMultipartDraft) => void;
}) {
  const t = useTranslations("scenarios.editor");
  const files = multipart.files ?? [];
  const setFile = (i: number, patch: Partial<TMultipartFileDraft>) =>
    onChange({ ...multipart, files: files.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <div className="grid gap-3 rounded-md border border-zinc-100 bg-zinc-50/60 p-2.5">
      <PairsEditor
        title={t("multipartFields")}
        path={`${path}.fields`}
        pairs={multipart.fields}
        onChange={(fields) => onChange({ ...multipart, fields })}
      />
      <div className="grid gap-2">
        <SectionTitle
          title={t("multipartFiles")}
          addLabel={`${t("addRow")}: ${t("multipartFiles")}`}
          onAdd={() => onChange({ ...multipart, files: [...files, { ...NEW_FILE, field: `file${files.length + 1}` }] })}
        />
        {files.map((f, i) => {
          const base = `${path}.files.${i}`;
          const n = i + 1;
          return (
            <div key={i} className="grid gap-1.5 border-l-2 border-zinc-200 pl-2.5">
              <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] items-end gap-1.5">
                <Field label={<Prefixed prefix={`${t("fileN", { n })}: `}>{t("fileField")}</Prefixed>} path={`${base}.field`}>
                  {(p) => (
                    <TextInput {...p} value={f.field} onValueChange={(field) => setFile(i, { field })} className="font-mono text-[13px]" />
                  )}
                </Field>
                <Field label={<Prefixed prefix={`${t("fileN", { n })}: `}>{t("fileName")}</Prefixed>} path={`${base}.filename`}>
                  {(p) => (
                    <TextInput
                      {...p}
                      value={f.filename}
                      onValueChange={(filename) => setFile(i, { filename })}
                      placeholder={f.field}
                      className="font-mono text-[13px]"
                    />
                  )}
                </Field>
                <Field label={<Prefixed prefix={`${t("fileN", { n })}: `}>{t("fileContentType")}</Prefixed>} path={`${base}.contentType`}>
                  {(p) => (
                    <TextInput
                      {...p}
                      value={f.contentType}
                      onValueChange={(contentType) => setFile(i, { contentType })}
                      placeholder="application/octet-stream"
                      className="font-mono text-[13px]"
                    />
                  )}
                </Field>
                <IconButton
                  label={t("removeFile", { n })}
                  icon={ICONS.close}
                  onClick={() => onChange({ ...multipart, files: files.length === 1 ? null : files.filter((_, j) => j !== i) })}
                />
              </div>
              {f.source === "content" ? (
                <Field label={<Prefixed prefix={`${t("fileN", { n })}: `}>{t("fileContent")}</Prefixed>} path={`${base}.content`}>
                  {(p) => (
                    <textarea
                      {...p}
                      rows={3}
                      spellCheck={false}
                      value={f.content}
                      onChange={(e) => setFile(i, { content: e.target.value })}
                      className={cn(FIELD_CLASS, "py-1.5 font-mono text-[13px] leading-snug")}
                    />
                  )}
                </Field>
              ) : (
                <Field
                  label={<Prefixed prefix={`${t("fileN", { n })}: `}>{t("filePath")}</Prefixed>}
                  path={`${base}.file`}
                  hint={t("filePathHint")}
                >
                  {(p) => (
                    <TextInput {...p} value={f.file} onValueChange={(file) => setFile(i, { file })} className="font-mono text-[13px]" />
                  )}
                </Field>
              )}
              <GroupIssues paths={[base]} />
            </div>
          );
        })}
      </div>
      <GroupIssues paths={[path, `${path}.files`]} />
    </div>
  );
}
