/**
 * Streaming multipart/form-data for the import routes (busboy over the request's web stream): the
 * file part is handed to `onFile` as a Node stream while it arrives, never buffered whole. Text
 * fields that come BEFORE the file part are available to `onFile` (clients must append the file
 * last, as the Imports page does).
 */
import { Readable } from "node:stream";
import busboy from "busboy";
import { AppError, AppErrorCode } from "@/lib/errors";
import { HttpError, MAX_PROXIED_BODY_BYTES } from "@/lib/http/route-helpers";
import type { TStoredImportError } from "@/lib/jmeter/import-error-codes";

export interface TFilePart {
  stream: Readable;
  fileName: string;
  mimeType: string;
  fields: Record<string, string>;
  /** True once the part went past maxFileBytes (the stream is then truncated). */
  isTooLarge: () => boolean;
}

export interface TMultipartOptions<T> {
  maxFileBytes: number;
  /**
   * True only for a route proxy.ts leaves out (the JTL upload): behind the proxy, Next cuts the
   * body at 10 MB without a word, so the whole body is limited to MAX_PROXIED_BODY_BYTES, counted
   * on the bytes actually read (a chunked upload declares no length).
   */
  isPastProxy?: boolean;
  /** Consume the file (it must read the stream to the end, or return early on failure). */
  onFile: (part: TFilePart) => Promise<T>;
}

export function assertMultipart(request: Request): string {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(type))
    throw new HttpError(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Expected multipart/form-data with a "file" part, got ${type || "no Content-Type"}.`,
    );
  return type;
}

/** tooLargeError's reason with its code, for a failed Import (lib/imports/import-error-fields.ts). */
export function tooLargeReason(maxBytes: number): TStoredImportError {
  return { code: "upload_too_large", params: { limit: formatBytes(maxBytes) } };
}

export function tooLargeError(maxBytes: number): AppError {
  return new AppError(AppErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than the limit of ${formatBytes(maxBytes)}.`);
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3 && n % 1024 ** 3 === 0) return `${n / 1024 ** 3} GB`;
  if (n >= 1024 ** 2 && n % 1024 ** 2 === 0) return `${n / 1024 ** 2} MB`;
  return `${n} bytes`;
}

/** Resolves with the fields and onFile's result (null when there was no "file" part). */
export async function readMultipart<T>(
  request: Request,
  options: TMultipartOptions<T>,
): Promise<{ fields: Record<string, string>; result: T | null }> {
  const type = assertMultipart(request);
  const o = options.isPastProxy ? options : { ...options, maxFileBytes: Math.min(options.maxFileBytes, MAX_PROXIED_BODY_BYTES) };
  const maxBodyBytes = options.isPastProxy ? Infinity : MAX_PROXIED_BODY_BYTES;
  const declared = Number(request.headers.get("content-length"));
  // The whole body holds a few hundred bytes of part headers besides the file.
  if (Number.isFinite(declared) && declared > Math.min(o.maxFileBytes + 64 * 1024, maxBodyBytes)) throw tooLargeError(o.maxFileBytes);
  if (!request.body)
    throw new AppError(AppErrorCode.INVALID_INPUT, 'The request has no body: send multipart/form-data with a "file" part.');
  const fields: Record<string, string> = {};
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: { "content-type": type }, limits: { files: 1, fields: 50, fieldSize: 1024 * 1024, fileSize: o.maxFileBytes } });
  } catch (error) {
    throw new AppError(
      AppErrorCode.INVALID_INPUT,
      `Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const source = Readable.fromWeb(request.body as import("node:stream/web").ReadableStream<Uint8Array>);
  return new Promise((resolve, reject) => {
    let filePromise: Promise<T> | null = null;
    let fileStream: Readable | null = null;
    let settled = false;
    // An upload cut off mid-file (client gone, malformed end): the consumer must see an error,
    // not wait forever on a stream that will never end.
    const failFile = (error: Error) => {
      if (fileStream && !fileStream.readableEnded) fileStream.destroy(error);
    };
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    bb.on("field", (name, value) => {
      fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      if (name !== "file" || filePromise) {
        stream.resume();
        return;
      }
      fileStream = stream;
      let tooLarge = false;
      stream.on("limit", () => {
        tooLarge = true;
      });
      stream.on("error", () => {});
      filePromise = o.onFile({
        stream,
        fileName: info.filename || "upload",
        mimeType: info.mimeType,
        fields: { ...fields },
        isTooLarge: () => tooLarge,
      });
      // Answer as soon as the file is handled: a failed import need not wait for the rest of a huge upload.
      filePromise.then(
        (result) =>
          finish(() => {
            stream.resume();
            resolve({ fields, result });
          }),
        (error) =>
          finish(() => {
            stream.resume();
            source.unpipe(bb);
            source.destroy();
            reject(error);
          }),
      );
    });
    bb.on("close", () => {
      if (!filePromise) finish(() => resolve({ fields, result: null }));
    });
    bb.on("error", (error) => {
      const e = new AppError(
        AppErrorCode.INVALID_INPUT,
        `Malformed multipart request: ${error instanceof Error ? error.message : String(error)}`,
      );
      failFile(e);
      if (!filePromise) finish(() => reject(e));
    });
    let bodyBytes = 0;
    source.on("data", (chunk: Buffer) => {
      bodyBytes += chunk.byteLength;
      if (bodyBytes <= maxBodyBytes) return;
      // Possibly cut by Next: refuse, whatever busboy makes of the rest.
      const e = tooLargeError(o.maxFileBytes);
      source.unpipe(bb);
      source.destroy();
      failFile(e);
      finish(() => reject(e));
    });
    source.on("error", (error) => {
      const e = new AppError(AppErrorCode.INVALID_INPUT, `The upload was interrupted: ${error.message}`);
      failFile(e);
      if (!filePromise) finish(() => reject(e));
    });
    source.pipe(bb);
  });
}
