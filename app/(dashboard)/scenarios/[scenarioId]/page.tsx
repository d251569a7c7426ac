import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AppError, AppErrorCode } from "@/lib/errors";
import { findModules } from "@/lib/modules/find-modules";
import { getScenarioById } from "@/lib/scenarios/get-scenario-by-id";
import { maskSecrets } from "@/lib/security/mask-secrets";
import { ScenarioEditor } from "./scenario-editor";

export const dynamic = "force-dynamic";

type TParams = { params: Promise<{ scenarioId: string }> };

async function load(id: string) {
  try {
    return await getScenarioById(id);
  } catch (error) {
    if (AppError.is(error, AppErrorCode.NOT_FOUND)) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TParams): Promise<Metadata> {
  const { scenarioId } = await params;
  const t = await getTranslations("scenarios");
  try {
    return { title: `${(await getScenarioById(scenarioId)).name} · ${t("title")}` };
  } catch {
    return { title: t("title") };
  }
}

export default async function ScenarioPage({ params }: TParams) {
  const { scenarioId } = await params;
  const [scenario, modules] = await Promise.all([load(scenarioId), findModules()]);
  return (
    <ScenarioEditor
      // Keyed by id only: a save refreshes the page but keeps what the user is editing.
      key={scenario.id}
      scenarioId={scenario.id}
      version={scenario.version}
      definition={maskSecrets(scenario.definition)}
      modules={modules.map((m) => ({ id: m.id, name: m.name }))}
    />
  );
}
