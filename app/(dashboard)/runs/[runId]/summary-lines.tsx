"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";

/** JMeter summariser lines in a monospace block, exactly as JMeter prints them, with Copy. */
export function SummaryLines({ lines, empty, testId }: { lines: string[]; empty: string; testId?: string }) {
  const t = useTranslations("runs.results");
  const text = lines.join("\n");
  return (
    <div className="relative overflow-hidden rounded-lg border border-zinc-200 bg-zinc-950 shadow-xs">
      {lines.length ? (
        <>
          <pre
            className="overflow-x-auto px-4 py-3 pr-20 font-mono text-[12.5px] leading-6 whitespace-pre text-zinc-100"
            data-testid={testId}
          >
            {text}
          </pre>
          <div className="absolute top-2 right-2">
            <CopyButton text={text} label={t("copy")} dark />
          </div>
        </>
      ) : (
        <p className="px-4 py-3 font-mono text-xs text-zinc-400" data-testid={testId}>
          {empty}
        </p>
      )}
    </div>
  );
}

/** Copies text to the clipboard and says so for a moment. */
export function CopyButton({ text, label, dark = false }: { text: string; label: string; dark?: boolean }) {
  const t = useTranslations("runs.results");
  const [copied, setCopied] = useState(false);
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard refused (insecure origin): the text is selectable anyway.
    }
  };
  // On the dark summariser block the light ghost style would vanish: its own colours.
  if (dark)
    return (
      <button
        type="button"
        onClick={onClick}
        className="h-7 cursor-pointer rounded-md px-2 text-xs font-medium text-zinc-300 transition-colors hover:bg-zinc-800 hover:text-white"
      >
        {copied ? t("copied") : label}
      </button>
    );
  return (
    <Button size="sm" variant="ghost" className="h-7 px-2" onClick={onClick}>
      {copied ? t("copied") : label}
    </Button>
  );
}
