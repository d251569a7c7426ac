"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/app/_components/ui/button";

/** A page that threw (e.g. the database went away): say so calmly, offer a retry. */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("error");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="flex flex-col items-center py-24 text-center">
      <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{t("title")}</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">{t("body")}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-zinc-400">{error.digest}</p> : null}
      <Button variant="outline" className="mt-6" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}
