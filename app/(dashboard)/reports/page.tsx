import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaceholderPage } from "@/app/_components/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

// TODO(reports issue): list test rounds / daily reports; force-dynamic then.
export default function ReportsPage() {
  return (
    <PlaceholderPage namespace="reports" next={{ href: "/runs", labelKey: "emptyAction" }} icon="M3 13V8M6.5 13V4M10 13V6.5M13.5 13V2.5" />
  );
}
