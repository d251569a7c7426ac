import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PlaceholderPage } from "@/app/_components/placeholder-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("problems"))("title") };
}

// TODO(problems issue): list problems (number, title, status, severity); force-dynamic then.
export default function ProblemsPage() {
  return <PlaceholderPage namespace="problems" icon="M8 2.5l6 11H2zM8 7v2.5M8 11.5v.01" />;
}
