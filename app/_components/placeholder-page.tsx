import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "./empty-state";
import { PageHeader } from "./page-header";
import { buttonClass } from "./ui/button";

/**
 * A section whose content later work fills: heading, what the section is for, and an empty state
 * that says what to do next. Namespace = the section's message namespace.
 */
export async function PlaceholderPage({
  namespace,
  next,
  icon,
}: {
  namespace: "scenarios" | "runs" | "reports" | "problems";
  next?: { href: string; labelKey: "emptyAction" };
  icon?: string;
}) {
  const t = await getTranslations(namespace);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <EmptyState
        title={t("emptyTitle")}
        body={t("emptyBody")}
        icon={icon}
        action={
          next ? (
            <Link href={next.href} className={buttonClass("outline")}>
              {t(next.labelKey)}
            </Link>
          ) : undefined
        }
      />
    </>
  );
}
