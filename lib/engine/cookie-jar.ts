/**
 * One RFC 6265 cookie jar per VU (tough-cookie), as LoadRunner, k6 and Locust keep one per user:
 * every Set-Cookie is stored against the URL that sent it (redirect hops included), and the
 * cookies matching a request's URL (domain, path, expiry) go into its Cookie header.
 *
 * Choices, as a non-browser client:
 *  - `Secure` cookies are sent over https only and stored only from https, loopback included
 *    (tough-cookie would treat localhost as a secure context; a load test of http://127.0.0.1
 *    should see what a client of the real http origin sees).
 *  - SameSite is not enforced: a VU's requests are all first-party, there is no "site" it
 *    navigates from (tough-cookie's `sameSiteContext: undefined`).
 *  - HttpOnly cookies are sent (this is an HTTP client, not a script).
 *  - A Set-Cookie the jar rejects (bad domain, public suffix, malformed) is ignored, as clients do.
 *
 * Cost: until the first cookie is stored the jar is skipped (no URL parsing, no lookup), so a
 * scenario whose target sets no cookies pays nothing per request for the default `cookies: true`.
 */
import { CookieJar } from "tough-cookie";

export class VuCookieJar {
  private jar: CookieJar | null = null;

  /** No cookie stored since the start or the last clear: nothing to send. */
  get isEmpty(): boolean {
    return this.jar === null;
  }

  /** Store the Set-Cookie header values of a response from `url`. */
  store(url: string, setCookie: readonly string[]): void {
    this.jar ??= new CookieJar(undefined, { allowSecureOnLocal: false, rejectPublicSuffixes: true });
    for (const header of setCookie) {
      const cookie = this.jar.setCookieSync(header, url, { ignoreError: true });
      // RFC 6265 §5.2.2: Max-Age counts from receipt. tough-cookie counts it from the last access,
      // which every request refreshes: a Max-Age=30 session would never expire for a busy VU.
      // The stored object (MemoryCookieStore keeps it by reference) gets the absolute expiry instead.
      if (cookie && typeof cookie.maxAge === "number" && cookie.maxAge > 0) {
        cookie.expires = new Date(Date.now() + cookie.maxAge * 1000);
        cookie.maxAge = null;
      }
    }
  }

  /** The Cookie header value for a request to `url` ("" when none matches). */
  cookieHeader(url: string): string {
    return this.jar === null ? "" : this.jar.getCookieStringSync(url);
  }

  /** Forget every cookie (JMeter's "clear cookies each iteration"). */
  clear(): void {
    this.jar = null;
  }
}

/** A scenario's own Cookie header and the jar's, in one header (the scenario's first). */
export function mergeCookieHeader(own: string | undefined, fromJar: string): string {
  if (own === undefined || own === "") return fromJar;
  return fromJar === "" ? own : `${own}; ${fromJar}`;
}
