"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { DeleteModuleDialog, EditModuleDialog, type TDeletableModule } from "@/app/(dashboard)/modules/module-dialogs";

/** Edit and Delete on the module page; deleting goes back to the list. */
export function ModuleDetailActions({ module }: { module: TDeletableModule & { description: string } }) {
  const common = useTranslations("common");
  const [isEditing, setIsEditing] = useState(false);
  const [isDeleting, setIsDeleting] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => setIsEditing(true)}>
        {common("edit")}
      </Button>
      <Button variant="outline-destructive" onClick={() => setIsDeleting(true)}>
        {common("delete")}
      </Button>
      <EditModuleDialog module={module} open={isEditing} onOpenChange={setIsEditing} />
      <DeleteModuleDialog module={module} open={isDeleting} onOpenChange={setIsDeleting} redirectTo="/modules" />
    </>
  );
}
