/**
 * Next buffers a request body for proxy.ts and hands the route only the first
 * `experimental.proxyClientMaxBodySize` bytes (10 MB by default) — silently truncated. So the proxy
 * refuses anything declared larger with a readable 413 instead. Routes keep their own, smaller
 * limits (lib/http/route-helpers.ts: 1 MB JSON). Raise both together if uploads need more.
 */
export const MAX_PROXY_BODY_BYTES = 10 * 1024 * 1024;

/** The 413 message when Content-Length exceeds the limit, else null. */
export function bodyTooLargeMessage(contentLength: string | null, limit = MAX_PROXY_BODY_BYTES): string | null {
  if (contentLength === null || contentLength.trim() === "") return null;
  const declared = Number(contentLength);
  if (!Number.isFinite(declared) || declared < 0) return "Malformed Content-Length header.";
  if (declared <= limit) return null;
  return `Request body is larger than ${Math.round(limit / (1024 * 1024))} MB (the server's limit for uploads through the web server); for bigger JTL files use the CLI import.`;
}
