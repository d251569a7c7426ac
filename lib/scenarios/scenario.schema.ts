/**
 * Input of create/update: the scenario document (the engine's ZScenario, YAML/JSON file format)
 * plus the module it belongs to.
 *
 * The module: `moduleId` when given; otherwise the module NAMED by the document's `module` field
 * (or, as the engine defaults it, the scenario's `name`). The stored document always carries
 * `module: <the module's name>`, so runs roll up under that module. A document whose `module`
 * names another module than `moduleId` is rejected (path `module`). Issue paths are relative to
 * the document (`steps.0.request.method`), or `moduleId`.
 */
import { z } from "zod";
import type { TScenario, TScenarioIssue } from "@/lib/engine/scenario";

export const ZScenarioInput = z.object({
  moduleId: z.string().min(1).optional(),
  /** The scenario document; validated by validateScenario (ZScenario). */
  definition: z.unknown(),
  /** Update only: fail with CONFLICT unless the stored version is this one. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type TScenarioInput = z.input<typeof ZScenarioInput>;

/** A scenario as the UI and API read it. */
export interface TScenarioRecord {
  id: string;
  moduleId: string;
  moduleName: string;
  name: string;
  version: number;
  definition: TScenario;
  /** Non-blocking warnings (e.g. a rendezvous inside a transaction). */
  warnings: TScenarioIssue[];
  createdAt: Date;
  updatedAt: Date;
}

/** A row of the scenario list (no definition). */
export interface TScenarioListItem {
  id: string;
  moduleId: string;
  moduleName: string;
  name: string;
  version: number;
  baseUrl: string;
  /** Closed model VUs, or maxVus of the open model. */
  vus: number;
  /** Planned seconds; null with `iterations`. */
  durationSeconds: number | null;
  updatedAt: Date;
}

export const ZFindScenariosQuery = z.object({
  moduleId: z.string().optional(),
  /** Case-insensitive name filter. */
  q: z.string().max(200).optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
  skip: z.coerce.number().int().min(0).default(0),
});
export type TFindScenariosQuery = z.input<typeof ZFindScenariosQuery>;
