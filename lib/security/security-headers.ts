/**
 * Response headers every page and route gets (set by proxy.ts).
 *
 * CSP: scripts and styles from our origin only. 'unsafe-inline' for scripts is still needed:
 * Next inlines its hydration data (self.__next_f) and a nonce-based policy would force every page to
 * render dynamically; frame-ancestors 'none' (no clickjacking), object-src 'none', base-uri and
 * form-action 'self' hold regardless. `next dev` also needs eval and its HMR websocket.
 */
export function securityHeaders(options: { dev: boolean; https: boolean }): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // Share links carry their token in the URL: never send it to another site.
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
