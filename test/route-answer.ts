import { expect } from "vitest";

type TRouteHandler = (request: Request, context: undefined) => Response | Promise<Response>;

/**
 * An action's refusal is worded as the API words it: `route` is sent the same input as JSON and must
 * answer `status`, and the action's `{ error, issues }` must be that answer's.
 */
export async function expectRouteAnswer(
  refused: unknown,
  route: TRouteHandler,
  request: { method: string; url: string; body: unknown },
  status: number,
): Promise<void> {
  const res = await route(
    new Request(request.url, {
      method: request.method,
      headers: { "content-type": "application/json" },
      body: typeof request.body === "string" ? request.body : JSON.stringify(request.body),
    }),
    undefined,
  );
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: string; issues: unknown[] };
  expect(refused).toEqual({ error: body.error, issues: body.issues });
}
