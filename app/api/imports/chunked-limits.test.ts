/**
 * Uploads sent with Transfer-Encoding: chunked declare no length, and behind proxy.ts Next hands the
 * route only the first 10 MB of them (then ends the stream as if the body were complete). These
 * tests feed the routes' readers exactly that — a stream without Content-Length that stops at the
 * proxy's cut — and expect 413, never a silently shortened import.
 */
import { describe, expect, it } from "vitest";
import { AppError, AppErrorCode } from "@/lib/errors";
import { errorResponse, readTextBody } from "@/lib/http/route-helpers";
import { MAX_PROXY_BODY_BYTES } from "@/lib/security/body-limit";
import { readMultipart } from "./multipart";

const CHUNK = 64 * 1024;

/** A body of `total` bytes delivered in 64 KB chunks, with no Content-Length (as chunked requests arrive). */
function chunkedRequest(parts: Uint8Array[], contentType: string): Request {
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++];
      if (part) controller.enqueue(part);
      else controller.close();
    },
  });
  return new Request("http://127.0.0.1/api/imports/jmeter-log", {
    method: "POST",
    body: stream,
    headers: { "content-type": contentType },
    duplex: "half",
  } as RequestInit);
}

function slices(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let o = 0; o < bytes.length; o += CHUNK) out.push(bytes.subarray(o, o + CHUNK));
  return out;
}

/** An 11 MB summariser log as Next passes it on: cut at the proxy's 10 MB. */
function cutLog(): Uint8Array {
  const line = "summary =   1000 in 00:00:10 =  100.0/s Avg:    10 Min:     1 Max:    99 Err:     0 (0.00%)\n";
  const full = Buffer.from(line.repeat(Math.ceil((11 * 1024 * 1024) / line.length)));
  return full.subarray(0, MAX_PROXY_BODY_BYTES);
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (error) {
    return errorResponse(error).status;
  }
}

describe("chunked uploads over the limit are refused with 413 by counting the bytes read", () => {
  it("a text body cut at the proxy's 10 MB (route limit 20 MB) → 413", async () => {
    const status = await statusOf(readTextBody(chunkedRequest(slices(cutLog()), "text/plain"), 20 * 1024 * 1024));
    expect(status).toBe(413);
  });

  it("a text body under 9 MB still passes, complete", async () => {
    const body = Buffer.from("x".repeat(8 * 1024 * 1024));
    const text = await readTextBody(chunkedRequest(slices(body), "text/plain"), 20 * 1024 * 1024);
    expect(text.length).toBe(body.length);
  });

  it("a multipart upload cut at 10 MB behind the proxy (JMX, file limit 20 MB) → 413, not a parse error", async () => {
    const boundary = "----b";
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="plan.jmx"\r\ncontent-type: application/xml\r\n\r\n`,
    );
    const body = Buffer.concat([head, Buffer.alloc(11 * 1024 * 1024, 0x61), Buffer.from(`\r\n--${boundary}--\r\n`)]).subarray(
      0,
      MAX_PROXY_BODY_BYTES,
    );
    let consumed = 0;
    const p = readMultipart(chunkedRequest(slices(body), `multipart/form-data; boundary=${boundary}`), {
      maxFileBytes: 20 * 1024 * 1024,
      onFile: async (part) => {
        for await (const c of part.stream) consumed += (c as Buffer).length;
        return consumed;
      },
    });
    const error = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(AppErrorCode.PAYLOAD_TOO_LARGE);
  });

  it("the JTL upload (past the proxy) is not capped at 9 MB but still counts its own limit", async () => {
    const boundary = "----b";
    const head = Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="r.jtl"\r\ncontent-type: text/csv\r\n\r\n`,
    );
    const make = (n: number) => Buffer.concat([head, Buffer.alloc(n, 0x61), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const read = (n: number, max: number) =>
      readMultipart(chunkedRequest(slices(make(n)), `multipart/form-data; boundary=${boundary}`), {
        maxFileBytes: max,
        isPastProxy: true,
        onFile: async (part) => {
          let bytes = 0;
          for await (const c of part.stream) bytes += (c as Buffer).length;
          return { bytes, tooLarge: part.isTooLarge() };
        },
      });
    expect((await read(12 * 1024 * 1024, 20 * 1024 * 1024)).result).toEqual({ bytes: 12 * 1024 * 1024, tooLarge: false });
    expect((await read(3 * 1024 * 1024, 2 * 1024 * 1024)).result?.tooLarge).toBe(true);
  });
});
