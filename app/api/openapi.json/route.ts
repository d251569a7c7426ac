import { buildOpenApiDocument } from "@/lib/http/build-openapi-document";
import { withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/** Built once per process: the contract changes only with the code. */
let document: Record<string, unknown> | undefined;

/**
 * GET /api/openapi.json → the OpenAPI 3.1 document of every route (lib/http/api-contract.ts), as is:
 * a document, not a `{ data }` answer, so that tools (Swagger UI, code generators) read it directly.
 * Viewer and up, like every read: it is documentation, and it lists admin routes.
 */
export const GET = withRoute(async () => Response.json((document ??= buildOpenApiDocument())));
