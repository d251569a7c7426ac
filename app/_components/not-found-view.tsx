import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "./ui/button";

export async function NotFoundView() {
  const t = await getTranslations("notFound");
  return (
    <div className="flex flex-col items-center py-24 text-center">
      <p className="font-mono text-sm font-semibold text-accent">404</p>
      <h1 className="mt-2 text-xl font-semibold tracking-tight text-zinc-900">{t("title")}</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">{t("body")}</p>
      <Link href="/modules" className={buttonClass("outline", "md", "mt-6")}>
        {t("home")}
      </Link>
    </div>
  );
}
