/**
 * Body of POST/PUT /api/scenarios: the scenario document as JSON, or as YAML with
 * `content-type: application/yaml` (the engine's file format). The module is `moduleId` (a
 * top-level key beside the document's own keys, or a query parameter) or, without it, the module
 * named by the document's `module` (default: its `name`). `{ moduleId, definition }` is accepted
 * too. `expectedVersion` (PUT) guards against overwriting a concurrent edit.
 */
import { parse as parseYaml } from "yaml";
import { AppError, AppErrorCode } from "@/lib/errors";
import { readJsonBody, readTextBody } from "@/lib/http/route-helpers";
import type { TScenarioInput } from "@/lib/scenarios/scenario.schema";

const YAML_TYPES = /^(application|text)\/(x-)?yaml\b/i;

export async function readScenarioBody(request: Request): Promise<TScenarioInput> {
  const type = request.headers.get("content-type") ?? "";
  let body: unknown;
  if (YAML_TYPES.test(type.trim())) {
    const text = await readTextBody(request);
    if (!text.trim()) throw new AppError(AppErrorCode.INVALID_INPUT, "Request body is empty; expected a YAML scenario.");
    try {
      body = parseYaml(text, { prettyErrors: true });
    } catch (error) {
      throw new AppError(AppErrorCode.INVALID_INPUT, `Request body is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
    }
  } else {
    body = await readJsonBody(request);
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new AppError(AppErrorCode.INVALID_INPUT, "Expected a scenario document (an object).");
  const { moduleId, expectedVersion, definition, ...rest } = body as Record<string, unknown>;
  const queryModuleId = new URL(request.url).searchParams.get("moduleId") ?? undefined;
  const wrapped = definition !== undefined && Object.keys(rest).length === 0;
  return {
    ...(typeof moduleId === "string" ? { moduleId } : queryModuleId ? { moduleId: queryModuleId } : {}),
    ...(expectedVersion !== undefined ? { expectedVersion: expectedVersion as number } : {}),
    definition: wrapped ? definition : definition === undefined ? rest : { ...rest, definition },
  };
}

/** Next's dynamic params; unknown ids are the lib's 404. */
export interface TScenarioContext {
  params: Promise<{ scenarioId: string }>;
}
