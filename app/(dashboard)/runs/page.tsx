import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaceholderPage } from "@/app/_components/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("runs"))("title") };
}

// TODO(runs issue): list runs (lib/runs/find-runs.ts) with a status Badge (RUN_STATUS_TONE); force-dynamic then.
export default function RunsPage() {
  return <PlaceholderPage namespace="runs" next={{ href: "/scenarios", labelKey: "emptyAction" }} icon="M5 3l8 5-8 5z" />;
}
