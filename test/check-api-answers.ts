/**
 * Integration set-up file (vitest.integration.config.ts): every route handler built with withRoute
 * is wrapped so that each answer it gives in any integration test is checked against the OpenAPI
 * document (test/api-contract-check.ts). A test file whose route calls got an answer the contract
 * does not describe fails in its afterAll, naming the route, status and the mismatch.
 */
import { afterAll, expect, vi } from "vitest";
import { contractViolation, routeTemplate } from "./api-contract-check";

const violations: string[] = [];

vi.mock("@/lib/http/route-helpers", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/http/route-helpers")>();
  type THandler<C> = (request: Request, context: C) => Promise<Response> | Response;
  return {
    ...original,
    withRoute<C>(handler: THandler<C>): THandler<C> {
      const route = original.withRoute(handler);
      // The route file calling withRoute names the operation (tests call handlers with any URL).
      const caller = /\(?((?:\/|[A-Za-z]:)[^():]*\/app\/api\/[^():]*\/route\.ts)/.exec(new Error().stack ?? "")?.[1];
      const template = caller ? (routeTemplate(caller) ?? undefined) : undefined;
      return async (request, context) => {
        const response = await route(request, context);
        const body = await response.clone().text();
        const answer = {
          method: request.method,
          url: request.url,
          status: response.status,
          contentType: response.headers.get("content-type"),
          body,
        };
        const problem = contractViolation({ ...answer, ...(template ? { template } : {}) });
        if (problem) violations.push(problem);
        return response;
      };
    },
  };
});

afterAll(() => {
  expect(violations, "route answers outside the API contract (lib/http/api-contract.ts)").toEqual([]);
});
