/** What the scenario routes answer inside `{ data }` (lib/http/api-contract.ts). */
import { z } from "zod";
import { ZIsoTime } from "@/lib/http/api-envelope";

const ZScenarioIssueOut = z.object({ path: z.string(), message: z.string() });

/** The stored document (docs/scenario-format.md); its own schema is ZScenario, an input schema with defaults. */
const ZScenarioDocumentOut = z.looseObject({ name: z.string(), steps: z.array(z.unknown()) });

export const ZScenarioRecordOut = z.object({
  id: z.string(),
  moduleId: z.string(),
  moduleName: z.string(),
  name: z.string(),
  version: z.number().int(),
  definition: ZScenarioDocumentOut,
  warnings: z.array(ZScenarioIssueOut),
  createdAt: ZIsoTime,
  updatedAt: ZIsoTime,
});

export const ZScenarioListItemOut = z.object({
  id: z.string(),
  moduleId: z.string(),
  moduleName: z.string(),
  name: z.string(),
  version: z.number().int(),
  baseUrl: z.string(),
  vus: z.number().int(),
  durationSeconds: z.number().nullable(),
  updatedAt: ZIsoTime,
});

/** POST / PUT answer: the saved version and the warnings that did not block saving. */
export const ZScenarioSavedOut = z.object({ id: z.string(), version: z.number().int(), warnings: z.array(ZScenarioIssueOut) });

export const ZScenarioDuplicatedOut = z.object({ id: z.string(), name: z.string() });
