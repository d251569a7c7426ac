"use client";

import { useTranslations } from "next-intl";
import { dataChunk, useCodedMessage } from "@/app/_components/coded-message";

type TParams = Record<string, string | number>;

/**
 * A failed import's reason in the reader's language: `errorCode` / `errorParams` from
 * GET /api/imports or an upload's 400 (lib/imports/import-error-fields.ts), worded by
 * messages/<locale>.json `importErrors.codes.<code>`. Line numbers stay numbers; what the file
 * holds (values, element paths, the XML parser's own words) is data and shown as written, in mono.
 * Without a code this catalogue knows (other failures, older rows) the English text is shown.
 */
export function ImportErrorText({
  errorCode,
  errorParams,
  error,
}: {
  errorCode?: string | null;
  errorParams?: TParams | null;
  error?: string | null;
}) {
  const { line, path, ...params } = errorParams ?? {};
  return <ImportMessage code={errorCode} params={params} line={line} path={path} fallback={error ?? ""} />;
}

/** A warning of an import as Import.report.warningCodes holds it ({ code, params, line? }); `text` is its English twin. */
export function ImportWarningText({ warning, text }: { warning?: { code: string; params: TParams; line?: number } | null; text: string }) {
  return <ImportMessage code={warning?.code} params={warning?.params ?? {}} line={warning?.line} fallback={text} />;
}

function ImportMessage({
  code,
  params,
  line,
  path,
  fallback,
}: {
  code?: string | null;
  params: TParams;
  line?: string | number;
  path?: string | number;
  fallback: string;
}) {
  const t = useTranslations("importErrors");
  const word = useCodedMessage("importErrors");
  if (!code || !t.has(`codes.${code}`)) return <>{fallback}</>;
  const data = dataChunk;
  const where =
    line !== undefined && path !== undefined
      ? t.rich("where.linePath", { line, path: String(path), data })
      : line !== undefined
        ? t.rich("where.line", { line })
        : path !== undefined
          ? t.rich("where.path", { path: String(path), data })
          : null;
  return (
    <span data-import-message={code}>
      {where}
      {word(code, params, fallback)}
    </span>
  );
}
