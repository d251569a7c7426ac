import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import type { TCodedMessage } from "./coded-messages";

const MESSAGES = { en, "zh-CN": zh } as const;

/**
 * Coded messages (lib/i18n/coded-messages.ts) as HTML in a given language, for the files the server
 * writes itself (the run's HTML report): the same messages/<locale>.json `<namespace>.codes` the UI
 * uses, the values escaped and `<data>` as <code>. A part without a message (a newer code) or a row
 * stored before codes gives the escaped English text.
 */
export function codedHtml(
  locale: keyof typeof MESSAGES,
  namespace: string,
  text: string,
  parts: readonly TCodedMessage[] | null | undefined,
  escape: (s: string) => string,
): string {
  const t = createTranslator({
    locale,
    messages: MESSAGES[locale] as Record<string, unknown>,
    namespace: namespace as never,
  }) as unknown as {
    has(key: string): boolean;
    markup(key: string, values: Record<string, unknown>): string;
  };
  const all = createTranslator({ locale, messages: MESSAGES[locale] as Record<string, unknown> }) as unknown as (key: string) => string;
  if (!parts?.length || !parts.every((p) => t.has(`codes.${p.code}`))) return escape(text);
  return parts
    .map((p) => {
      const values = Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, typeof v === "string" ? escape(v) : v]));
      return t.markup(`codes.${p.code}`, { ...values, data: (chunks: string) => `<code>${chunks}</code>` });
    })
    .join(escape(all("codedMessages.separator")));
}
