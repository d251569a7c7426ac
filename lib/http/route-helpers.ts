/**
 * Shared plumbing for app/api route handlers (machine clients: CI, CLI, imports).
 *
 * Contract every route keeps:
 * - success → `ok()` / `created()` answer `{ data }` with 200 / 201, `page()` a cursor-paged list
 *   `{ data, nextCursor }`; 204 has no body; files (CSV, Markdown, HTML, JMX) are the only other
 *   answers. The shapes per route: lib/http/api-contract.ts (published as GET /api/openapi.json);
 * - bad input → 4xx `{ error, issues }`: invalid JSON / zod failure 400, unknown id 404,
 *   duplicate or conflict 409, body over the limit 413, wrong content type 415;
 * - anything else → 500 `{ error: "Internal server error" }`, logged, no details leaked.
 *
 * Usage:
 *   export const POST = withRoute(async (request) => {
 *     const body = await readJsonBody(request);
 *     return created(await createModule(body));   // the lib function parses with zod
 *   });
 */
import { ZodError } from "zod";
import { AppError, AppErrorCode, toFieldIssues, type TFieldIssue } from "@/lib/errors";
import { MAX_PROXY_BODY_BYTES } from "@/lib/security/body-limit";
import { findUnstorableText } from "@/lib/security/storable-text";

/** Default limit for JSON bodies: generous for a scenario document, far below a memory problem. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The most a route behind proxy.ts can take. Next hands such a route at most MAX_PROXY_BODY_BYTES
 * of the body and silently drops the rest; a chunked upload declares no length for the proxy to
 * refuse, so the route got an 11 MB log cut to its first 10 MB and answered 201. A body that ends
 * within a megabyte of the cut may have been cut (Next stops at a socket chunk, ≤ 64 KB), so it is
 * refused with 413 by counting what was actually read.
 */
export const MAX_PROXIED_BODY_BYTES = MAX_PROXY_BODY_BYTES - 1024 * 1024;

export interface TErrorBody {
  error: string;
  code: string;
  issues: TFieldIssue[];
}

export function ok<T>(data: T, init?: ResponseInit): Response {
  return Response.json({ data }, init);
}

/** `{ data }` already serialized (UTF-8 JSON, e.g. from a cache): the same answer as ok() would give. */
export function okJsonBody(json: Uint8Array<ArrayBuffer>): Response {
  return new Response(json, { headers: { "content-type": "application/json" } });
}

/** A list paged by a cursor: the client passes nextCursor back for the next page (null: no more). */
export function page<T>(data: T[], nextCursor: string | null): Response {
  return Response.json({ data, nextCursor });
}

export function created<T>(data: T): Response {
  return Response.json({ data }, { status: 201 });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function errorJson(status: number, body: TErrorBody): Response {
  return Response.json(body, { status });
}

/** Maps any thrown value to the error contract above. */
export function errorResponse(error: unknown): Response {
  const { status, body } = describeError(error);
  return errorJson(status, body);
}

/**
 * The status and body the API answers for a thrown value. Also what the admin and account server
 * actions return, so a form says the same whether it posts an action or a client calls the route.
 */
export function describeError(error: unknown): { status: number; body: TErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { error: error.message, code: error.code, issues: error.issues } };
  }
  if (error instanceof HttpError) {
    return { status: error.status, body: { error: error.message, code: error.code, issues: [] } };
  }
  if (error instanceof ZodError) {
    const issues = toFieldIssues(error.issues);
    const first = issues[0];
    // The first issue as the headline ("name: Name is required."); all of them in `issues`.
    const headline = first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "Invalid input.";
    return { status: 400, body: { error: headline, code: AppErrorCode.INVALID_INPUT, issues } };
  }
  console.error("[api] unexpected error", error);
  return { status: 500, body: { error: "Internal server error", code: "INTERNAL", issues: [] } };
}

type THandler<C> = (request: Request, context: C) => Promise<Response> | Response;

/** Wraps a route handler so every thrown AppError / ZodError becomes a 4xx JSON answer. */
export function withRoute<C = unknown>(handler: THandler<C>): THandler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Reads the body as UTF-8 text, at most `maxBytes` (413 past it, checked on Content-Length first
 * and again on the bytes actually read, since the header may be absent — chunked — or lie). Every
 * caller sits behind the proxy, so the limit is never above MAX_PROXIED_BODY_BYTES.
 */
export async function readTextBody(request: Request, requestedMaxBytes = DEFAULT_MAX_BODY_BYTES): Promise<string> {
  const maxBytes = Math.min(requestedMaxBytes, MAX_PROXIED_BODY_BYTES);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(concat(chunks, total));
}

/**
 * Reads and parses a JSON body. Returns `unknown`: validate it with a zod schema (or hand it to a
 * lib function that does). Empty or malformed JSON → 400; a non-JSON Content-Type → 415.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (type && !/^application\/([\w.+-]*\+)?json\b/i.test(type.trim())) {
    throw new HttpError(415, "UNSUPPORTED_MEDIA_TYPE", `Expected a JSON body (Content-Type: application/json), got ${type}.`);
  }
  const text = await readTextBody(request, maxBytes);
  if (text.trim() === "") throw new AppError(AppErrorCode.INVALID_INPUT, "Request body is empty; expected JSON.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "parse error";
    throw new AppError(AppErrorCode.INVALID_INPUT, `Request body is not valid JSON: ${reason}`);
  }
  // NUL characters and unpaired surrogates ("\ud800") parse fine but PostgreSQL cannot store them.
  const bad = findUnstorableText(parsed);
  if (bad !== null) {
    const message = `Text ${bad ? `at ${bad} ` : ""}contains a NUL character or invalid Unicode (an unpaired surrogate).`;
    throw new AppError(AppErrorCode.INVALID_INPUT, message, [{ path: bad, message }]);
  }
  return parsed;
}

/** A transport-level failure AppError has no code for (415). Only this layer throws it. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, `Request body is larger than ${formatBytes(maxBytes)}.`);
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
