import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/app/_components/empty-state";
import { PageHeader } from "@/app/_components/page-header";
import { findModules } from "@/lib/modules/find-modules";
import { findProblems } from "@/lib/problems/find-problems";
import { NewProblemButton } from "./problem-dialogs";
import { ProblemsTable } from "./problems-table";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("problems"))("title") };
}

interface TProps {
  searchParams: Promise<{ open?: string }>;
}

/** The problems log: every problem across rounds; filter, sort, edit, change status with a note, history. */
export default async function ProblemsPage({ searchParams }: TProps) {
  const [t, problems, modules, { open }] = await Promise.all([
    getTranslations("problems"),
    findProblems({ sort: "-number" }),
    findModules(),
    searchParams,
  ]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} actions={<NewProblemButton />} />
      {problems.length === 0 ? (
        <EmptyState title={t("emptyTitle")} body={t("emptyBody")} icon="M8 2.5l6 11H2zM8 7v2.5M8 11.5v.01" action={<NewProblemButton />} />
      ) : (
        <ProblemsTable
          rows={problems}
          modules={modules.map((m) => ({ id: m.id, name: m.name }))}
          openNumber={open && /^\d+$/.test(open) ? Number(open) : undefined}
        />
      )}
    </>
  );
}
