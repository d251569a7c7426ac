"use client";

import { useTranslations } from "next-intl";

/**
 * A failed import's reason in the reader's language: `errorCode` / `errorParams` from
 * GET /api/imports or an upload's 400 (lib/imports/import-error-fields.ts), worded by
 * messages/<locale>.json `importErrors.codes.<code>`. Line numbers stay numbers; what the file
 * holds (values, element paths, the XML parser's own words) is data and shown as written, in mono.
 * Without a code this catalogue knows (other failures, older rows) the English text is shown.
 */
export function ImportErrorText({ errorCode, errorParams, error }: { errorCode?: string | null; errorParams?: Record<string, string | number> | null; error?: string | null }) {
  const t = useTranslations("importErrors");
  if (!errorCode || !t.has(`codes.${errorCode}`)) return <>{error ?? ""}</>;
  const { line, path, ...params } = errorParams ?? {};
  const data = (chunks: React.ReactNode) => (
    <code translate="no" className="font-mono text-[0.95em]">
      {chunks}
    </code>
  );
  const where =
    line !== undefined && path !== undefined
      ? t.rich("where.linePath", { line, path: String(path), data })
      : line !== undefined
        ? t.rich("where.line", { line })
        : path !== undefined
          ? t.rich("where.path", { path: String(path), data })
          : null;
  return (
    <span data-import-error={errorCode}>
      {where}
      {t.rich(`codes.${errorCode}`, { ...params, data })}
    </span>
  );
}
