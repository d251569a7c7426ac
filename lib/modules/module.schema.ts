import { z } from "zod";

export const MODULE_NAME_MAX = 100;
export const MODULE_DESCRIPTION_MAX = 2000;

/**
 * What a user may set on a module, at every trust boundary (form action, JSON API).
 * Messages are English and readable for API clients; the UI translates by path + issue code.
 */
const ZModuleName = z
  .string({ error: "Name is required." })
  .trim()
  .min(1, { error: "Name is required." })
  .max(MODULE_NAME_MAX, { error: `Name must be at most ${MODULE_NAME_MAX} characters.` });

const ZModuleDescription = z
  .string({ error: "Description must be text." })
  .trim()
  .max(MODULE_DESCRIPTION_MAX, { error: `Description must be at most ${MODULE_DESCRIPTION_MAX} characters.` });

export const ZModuleInput = z.object({
  name: ZModuleName,
  description: ZModuleDescription.default(""),
});

export type TModuleInput = z.infer<typeof ZModuleInput>;

/** PATCH: any subset of the fields, at least one. */
export const ZModuleUpdate = z
  .object({ name: ZModuleName.optional(), description: ZModuleDescription.optional() })
  .refine((v) => v.name !== undefined || v.description !== undefined, {
    error: "Nothing to update: send name and/or description.",
  });

export type TModuleUpdate = z.infer<typeof ZModuleUpdate>;

/** A module as lists and the API show it. */
export interface TModuleRow {
  id: string;
  name: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  interfaceCount: number;
  scenarioCount: number;
}
