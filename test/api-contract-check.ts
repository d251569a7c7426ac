/**
 * Checks one route answer against the OpenAPI document (lib/http/build-openapi-document.ts): the
 * operation of its method and path, the response of its status, and — for JSON — the body against
 * that response's JSON Schema with ajv (2020-12, the dialect of OpenAPI 3.1). Used by
 * test/check-api-answers.ts on every route call of the integration suite, and by the contract test.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { API_OPERATIONS, findApiOperation } from "@/lib/http/api-contract";
import { buildOpenApiDocument } from "@/lib/http/build-openapi-document";

type TJson = Record<string, unknown>;

let document: TJson | undefined;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const compiled = new Map<string, ValidateFunction>();

export function openApiDocument(): TJson {
  return (document ??= buildOpenApiDocument());
}

function validator(key: string, schema: TJson): ValidateFunction {
  let v = compiled.get(key);
  // `#/components/schemas/…` references resolve against the document's components, carried along.
  if (!v) compiled.set(key, (v = ajv.compile({ ...schema, components: openApiDocument().components })));
  return v;
}

export interface TAnswer {
  method: string;
  /** The route's path template (`/api/runs/{runId}`) when known; else found from the URL. */
  template?: string;
  url: string;
  status: number;
  contentType: string | null;
  /** The body as text ("" for none). */
  body: string;
}

/** app/api/runs/[runId]/route.ts → /api/runs/{runId}; [...all] → {path}. */
export function routeTemplate(routeFile: string): string | null {
  const m = /\/app(\/api(?:\/[^/]+)*)\/route\.ts$/.exec(routeFile.replaceAll("\\", "/"));
  if (!m) return null;
  return m[1]!.replace(/\[\.\.\.\w+\]/g, "{path}").replace(/\[(\w+)\]/g, "{$1}");
}

/** Why the answer breaks the contract, or null when it keeps it. */
export function contractViolation(answer: TAnswer): string | null {
  const { pathname } = new URL(answer.url);
  const where = `${answer.method} ${answer.template ?? pathname} → ${answer.status}`;
  const op = answer.template
    ? API_OPERATIONS.find((o) => o.path === answer.template && o.method === answer.method)
    : findApiOperation(answer.method, pathname);
  if (!op) return `${where}: no operation in the contract`;
  if (op.external) return null;
  const doc = openApiDocument();
  const operation = ((doc.paths as TJson)[op.path] as TJson)[op.method.toLowerCase()] as TJson;
  const responses = operation.responses as Record<string, TJson>;
  if (answer.status >= 400) {
    const v = validator("Error", ((doc.components as TJson).schemas as TJson).Error as TJson);
    return checkJson(where, answer, v);
  }
  const response = responses[String(answer.status)];
  if (!response)
    return `${where}: the contract has no ${answer.status} answer for ${op.method} ${op.path} (it has ${Object.keys(responses).join(", ")})`;
  const content = response.content as Record<string, { schema: TJson }> | undefined;
  if (!content) return answer.body === "" ? null : `${where}: the contract says no body, the route sent ${answer.body.length} characters`;
  const json = content["application/json"];
  if (!json) {
    const [type] = Object.keys(content);
    return answer.contentType?.startsWith(type!) ? null : `${where}: the contract says ${type}, the route sent ${answer.contentType}`;
  }
  return checkJson(where, answer, validator(`${op.method} ${op.path} ${answer.status}`, json.schema));
}

function checkJson(where: string, answer: TAnswer, validate: ValidateFunction): string | null {
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `${where}: the body is not JSON (${answer.body.slice(0, 80)})`;
  }
  if (validate(body)) return null;
  const errors = (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
    );
  return `${where}: ${errors.join("; ")}`;
}
