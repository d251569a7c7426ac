import type { ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { TCodedMessage, TParamValue } from "@/lib/i18n/coded-messages";

/**
 * Coded messages (lib/i18n/coded-messages.ts) in the reader's language: messages/<locale>.json
 * `<namespace>.codes.<code>` with the code's parameters. In a message, `<data>…</data>` marks what
 * came from outside (a value, a file's text, a network library's own error) and is shown as written,
 * in mono and untranslated. A code the catalogue does not know (an older or newer server) shows
 * the stored English. Server or client: no state.
 */
export function useCodedMessage(
  namespace: string,
): (code: string | null | undefined, params: Record<string, TParamValue>, fallback: string) => ReactNode {
  const t = useTranslations(namespace);
  return function word(code, params, fallback) {
    if (!code || !t.has(`codes.${code}`)) return fallback;
    return <span data-coded-message={code}>{t.rich(`codes.${code}`, { ...params, data: dataChunk })}</span>;
  };
}

export function dataChunk(chunks: ReactNode): ReactNode {
  return (
    <code translate="no" className="font-mono text-[0.95em]">
      {chunks}
    </code>
  );
}

/** One coded message, or `fallback` (the stored English) without a known code. */
export function CodedMessage({
  namespace,
  code,
  params,
  fallback,
}: {
  namespace: string;
  code: string | null | undefined;
  params?: Record<string, TParamValue> | null;
  fallback: string;
}) {
  return <>{useCodedMessage(namespace)(code, params ?? {}, fallback)}</>;
}

/**
 * A coded text column as decoded (decodeCodedText): its parts worded and joined as the locale joins
 * clauses (`codedMessages.separator`), or the English text of a row written before codes.
 */
export function CodedText({
  namespace,
  text,
  parts,
  separator,
}: {
  namespace: string;
  text: string;
  parts: readonly TCodedMessage[] | null | undefined;
  /** Between parts; default: the locale's `codedMessages.separator` ("; " / "；"). */
  separator?: string;
}) {
  const word = useCodedMessage(namespace);
  const codes = useTranslations(namespace);
  const t = useTranslations("codedMessages");
  // One part this UI cannot word (a newer server): the whole English text, never half of each.
  if (!parts?.length || !parts.every((p) => codes.has(`codes.${p.code}`))) return <>{text}</>;
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {i > 0 ? (separator ?? t("separator")) : null}
          {word(p.code, p.params, text)}
        </span>
      ))}
    </>
  );
}
