import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaceholderPage } from "@/app/_components/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("scenarios"))("title") };
}

// TODO(scenarios issue): list scenarios (lib/scenarios/find-scenarios.ts) in a DataTable; force-dynamic then.
export default function ScenariosPage() {
  return <PlaceholderPage namespace="scenarios" next={{ href: "/modules", labelKey: "emptyAction" }} icon="M4 3h8M4 6.5h8M4 10h5" />;
}
