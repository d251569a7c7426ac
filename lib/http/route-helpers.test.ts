import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, AppErrorCode } from "@/lib/errors";
import { created, errorResponse, ok, page, readJsonBody, withRoute } from "./route-helpers";

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://test/api/x", { method: "POST", body, headers });

const echo = withRoute(async (request: Request) => Response.json({ data: await readJsonBody(request, 64) }));

describe("route helpers", () => {
  it("answers every success in the one envelope: { data }, a paged list with nextCursor beside it", async () => {
    const one = ok({ id: "a" });
    expect([one.status, await one.json()]).toEqual([200, { data: { id: "a" } }]);
    const made = created([1, 2]);
    expect([made.status, await made.json()]).toEqual([201, { data: [1, 2] }]);
    expect(await page([{ id: "9" }], "9").json()).toEqual({ data: [{ id: "9" }], nextCursor: "9" });
    expect(await page([], null).json()).toEqual({ data: [], nextCursor: null });
  });

  it("passes valid JSON through", async () => {
    const res = await echo(post('{"a":1}'), undefined);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { a: 1 } });
  });

  it("answers 400 for malformed or empty JSON", async () => {
    for (const body of ["{nope", "", "   "]) {
      const res = await echo(post(body), undefined);
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error).toMatch(/JSON/);
      expect(json.issues).toEqual([]);
    }
  });

  it("answers 413 past the limit, whether or not Content-Length says so", async () => {
    const big = JSON.stringify({ s: "x".repeat(100) });
    const declared = await echo(post(big), undefined);
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("[1,2,3,4,5,6,7,8,9]"));
        controller.close();
      },
    });
    const streamed = await echo(
      new Request("http://test/api/x", {
        method: "POST",
        body: stream,
        headers: { "content-type": "application/json" },
        duplex: "half",
      } as RequestInit),
      undefined,
    );
    expect(streamed.status).toBe(413);
  });

  it("answers 415 for a non-JSON content type", async () => {
    const res = await echo(post("a=b", { "content-type": "application/x-www-form-urlencoded" }), undefined);
    expect(res.status).toBe(415);
  });

  it("accepts JSON with a charset or a +json type", async () => {
    expect((await echo(post("1", { "content-type": "application/json; charset=utf-8" }), undefined)).status).toBe(200);
    expect((await echo(post("1", { "content-type": "application/merge-patch+json" }), undefined)).status).toBe(200);
  });

  it("maps zod errors to 400 with field issues", async () => {
    const result = z.object({ name: z.string().min(1, { error: "Name is required." }) }).safeParse({ name: "" });
    const res = errorResponse(result.error);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: "name: Name is required.",
      code: "INVALID_INPUT",
      issues: [{ path: "name", message: "Name is required." }],
    });
  });

  it("maps AppError codes to their statuses", async () => {
    expect(errorResponse(new AppError(AppErrorCode.NOT_FOUND, "x")).status).toBe(404);
    expect(errorResponse(new AppError(AppErrorCode.ALREADY_EXISTS, "x")).status).toBe(409);
    const res = errorResponse(new AppError(AppErrorCode.ALREADY_EXISTS, "dup", [{ path: "name", message: "dup" }]));
    expect(await res.json()).toEqual({ error: "dup", code: "ALREADY_EXISTS", issues: [{ path: "name", message: "dup" }] });
  });

  it("hides unexpected errors behind a 500", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = await withRoute(async () => {
        throw new Error("secret detail");
      })(post("{}"), undefined);
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain("secret");
    } finally {
      console.error = original;
    }
  });
});
