import { getEnv } from "@/lib/env";

/**
 * Where this server is reached from, as the client sees it. Next hands handlers a
 * request.url on http://localhost:<PORT> whatever name the browser used, so links made for people
 * (share URLs) and decisions about the browser's connection (the session cookie's Secure flag) come
 * from the configured public URL, else the request's forwarded or Host headers.
 */

type THeaders = { get(name: string): string | null };

/** The first value of a comma-separated forwarded header, trimmed; undefined when absent. */
function first(value: string | null): string | undefined {
  const head = value?.split(",")[0]?.trim();
  return head ? head : undefined;
}

/** The configured public URL's origin (BETTER_AUTH_URL), or null when unset or not an http(s) URL. */
export function configuredOrigin(configured: string | undefined = getEnv().BETTER_AUTH_URL): string | null {
  if (!configured) return null;
  try {
    const url = new URL(configured);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
}

/** `proto://host` of this request: X-Forwarded-Proto/-Host first (a reverse proxy), then Host, then the URL. */
export function requestOrigin(request: { url: string; headers: THeaders }): string {
  const url = new URL(request.url);
  const proto = first(request.headers.get("x-forwarded-proto")) ?? url.protocol.replace(":", "");
  const host = first(request.headers.get("x-forwarded-host")) ?? first(request.headers.get("host")) ?? url.host;
  const origin = `${proto === "https" ? "https" : "http"}://${host}`;
  try {
    return new URL(origin).origin; // a Host header that is not a host falls back to the URL's
  } catch {
    return url.origin;
  }
}

/** The origin to put in links for people: the configured public URL, else the request's own. */
export function publicOrigin(
  request: { url: string; headers: THeaders },
  configured: string | undefined = getEnv().BETTER_AUTH_URL,
): string {
  return configuredOrigin(configured) ?? requestOrigin(request);
}

/**
 * Whether the session cookie must be Secure for this request: the configured public URL's scheme
 * when there is one, else the scheme the client used (X-Forwarded-Proto from a TLS proxy). Over plain
 * HTTP a Secure cookie is dropped by the browser; outside localhost it would never sign anyone in.
 */
export function usesSecureCookies(request: { url: string; headers: THeaders }, configured?: string): boolean {
  return publicOrigin(request, configured).startsWith("https:");
}

/**
 * The sign-in page says so when the session cookie would be Secure but the page came over plain
 * HTTP (BETTER_AUTH_URL is https, the browser is on http://…): the browser would drop the cookie.
 */
export function signInNeedsHttps(headers: THeaders, configured: string | undefined = getEnv().BETTER_AUTH_URL): string | null {
  // The web server serves plain HTTP; only a TLS proxy's X-Forwarded-Proto says otherwise.
  const here = { url: "http://localhost/", headers };
  if (!usesSecureCookies(here, configured) || requestOrigin(here).startsWith("https:")) return null;
  return configuredOrigin(configured);
}
