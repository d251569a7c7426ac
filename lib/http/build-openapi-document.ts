/**
 * The OpenAPI 3.1 document of API_OPERATIONS (api-contract.ts), served at GET /api/openapi.json.
 * Request schemas are emitted as the JSON a client may send (zod `io: "input"`: defaults optional,
 * coercions as their input), response schemas as what the server sends (`io: "output"`); both as
 * JSON Schema 2020-12, the dialect OpenAPI 3.1 uses.
 */
import { z } from "zod";
import { API_OPERATIONS, type TApiOperation, type TApiResponse } from "./api-contract";
import { ZErrorBody } from "./api-envelope";

type TJsonSchema = Record<string, unknown>;

/** `components.schemas`, filled while the operations are built. */
type TComponents = Record<string, TJsonSchema>;

/**
 * zod puts recursive or repeated parts (a scenario's nested steps) in `$defs` with `#/$defs/…`
 * references, which inside an OpenAPI document would point at the document's root. They move to
 * `components.schemas` as `<name>_<def>`, and the references with them.
 */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: TComponents, name: string): TJsonSchema {
  // "any" for what JSON cannot carry (a BigInt cursor, a transform's output): the route documents it in words.
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as TJsonSchema;
  delete out.$schema;
  const defs = out.$defs as TComponents | undefined;
  if (!defs) return out;
  delete out.$defs;
  const rename = (def: string) => `${name}_${def.replace(/\W+/g, "")}`;
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === "$ref" && typeof v === "string" && v.startsWith("#/$defs/") ? `#/components/schemas/${rename(v.slice(8))}` : rewrite(v),
      ]),
    );
  };
  for (const [def, s] of Object.entries(defs)) components[rename(def)] = rewrite(s) as TJsonSchema;
  return rewrite(out) as TJsonSchema;
}

function responseObject(r: TApiResponse, components: TComponents, name: string): TJsonSchema {
  if ("empty" in r) return { description: r.description };
  if ("file" in r) return { description: r.description, content: { [r.file]: { schema: { type: "string" } } } };
  return { description: r.description, content: { "application/json": { schema: jsonSchema(r.json, "output", components, name) } } };
}

/** Query parameters: one per top-level key of the query schema (an object, possibly refined). */
function queryParameters(query: z.ZodType, components: TComponents, name: string): TJsonSchema[] {
  const schema = jsonSchema(query, "input", components, name);
  const properties = (schema.properties ?? {}) as Record<string, TJsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([key, s]) => ({ name: key, in: "query", required: required.has(key), schema: s }));
}

/** get /api/runs/{runId}/live → getRunsByRunIdLive */
function operationId(op: TApiOperation): string {
  const words = op.path
    .replace(/^\/api\//, "")
    .replace(/\{(\w+)\}/g, "by-$1")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return op.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

function operationObject(op: TApiOperation, components: TComponents): TJsonSchema {
  const id = operationId(op);
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
  }));
  const parameters = [...pathParams, ...(op.query ? queryParameters(op.query, components, `${id}Query`) : [])];
  const responses: TJsonSchema = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = responseObject(r, components, `${id}${status}`);
  responses.default = {
    description: "An error: 4xx for the caller's input or rights, 5xx for the server.",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  const out: TJsonSchema = {
    operationId: id,
    tags: [op.tag],
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (op.access === "public") out.security = [];
  if (op.access && op.access !== "public") out["x-access"] = op.access;
  if (op.external) out["x-external"] = op.external;
  if (op.body) {
    // A body several operations take (the scenario document, 13 KB of schema) is written once.
    const name = op.body.component ?? `${id}Body`;
    components[name] ??= jsonSchema(op.body.schema, "input", components, name);
    const schema = { $ref: `#/components/schemas/${name}` };
    const types = op.body.contentType ?? ["application/json"];
    out.requestBody = { required: !op.body.optional, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  }
  return out;
}

export function buildOpenApiDocument(): TJsonSchema {
  const paths: Record<string, Record<string, TJsonSchema>> = {};
  const schemas: TComponents = {};
  schemas.Error = jsonSchema(ZErrorBody, "output", schemas, "Error");
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op, schemas);
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Musterpoint API",
      version: "1",
      description:
        "JSON over HTTP for machine clients (CI, scripts, report jobs): docs/api.md. Success answers are `{ data }` (a paged list adds `nextCursor`), errors `{ error, code, issues }`. Reads need the viewer role, changes tester, /api/admin admin.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token (Account → API tokens)." },
        session: { type: "apiKey", in: "cookie", name: "better-auth.session_token", description: "The browser's session cookie." },
      },
      schemas,
    },
    paths,
  };
}
