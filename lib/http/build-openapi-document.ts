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

function jsonSchema(schema: z.ZodType, io: "input" | "output"): TJsonSchema {
  // "any" for what JSON cannot carry (a BigInt cursor, a transform's output): the route documents it in words.
  const out = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as TJsonSchema;
  delete out.$schema;
  return out;
}

function responseObject(r: TApiResponse): TJsonSchema {
  if ("empty" in r) return { description: r.description };
  if ("file" in r) return { description: r.description, content: { [r.file]: { schema: { type: "string" } } } };
  return { description: r.description, content: { "application/json": { schema: jsonSchema(r.json, "output") } } };
}

/** Query parameters: one per top-level key of the query schema (an object, possibly refined). */
function queryParameters(query: z.ZodType): TJsonSchema[] {
  const schema = jsonSchema(query, "input");
  const properties = (schema.properties ?? {}) as Record<string, TJsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({ name, in: "query", required: required.has(name), schema: s }));
}

function operationObject(op: TApiOperation): TJsonSchema {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  const parameters = [...pathParams, ...(op.query ? queryParameters(op.query) : [])];
  const responses: TJsonSchema = {};
  for (const [status, r] of Object.entries(op.responses)) responses[status] = responseObject(r);
  responses.default = { description: "An error: 4xx for the caller's input or rights, 5xx for the server.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
  const out: TJsonSchema = {
    operationId: `${op.method.toLowerCase()}${op.path.replace(/^\/api/, "").replace(/\{(\w+)\}/g, "By_$1").replace(/[^\w]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    tags: [op.tag],
    summary: op.summary,
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (op.access === "public") out.security = [];
  if (op.access && op.access !== "public") out["x-access"] = op.access;
  if (op.external) out["x-external"] = op.external;
  if (op.body) {
    const schema = jsonSchema(op.body.schema, "input");
    const types = op.body.contentType ?? ["application/json"];
    out.requestBody = { required: !op.body.optional, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  }
  return out;
}

export function buildOpenApiDocument(): TJsonSchema {
  const paths: Record<string, Record<string, TJsonSchema>> = {};
  for (const op of API_OPERATIONS) (paths[op.path] ??= {})[op.method.toLowerCase()] = operationObject(op);
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
      schemas: { Error: jsonSchema(ZErrorBody, "output") },
    },
    paths,
  };
}
