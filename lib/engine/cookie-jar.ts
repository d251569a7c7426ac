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
 * With cookies, the Cookie header per URL is kept until the jar changes or its earliest cookie
 * expires (a VU sends the same few URLs again and again; tough-cookie's lookup costs ≈ 3 µs).
 */
import { CookieJar } from "tough-cookie";

/** Cookie headers kept per URL; beyond this many URLs (e.g. ids in paths) the cache starts over. */
const MAX_CACHED_URLS = 256;

export class VuCookieJar {
  private jar: CookieJar | null = null;
  /** URL → Cookie header, valid until the jar changes or `nextExpiryMs`. */
  private readonly cache = new Map<string, string>();
  /** Expiry (epoch ms) of every stored cookie that has one, by domain, path and name (a replaced cookie replaces its entry). */
  private readonly expiries = new Map<string, number>();
  private nextExpiryMs = Number.POSITIVE_INFINITY;

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
      if (cookie) {
        const key = `${cookie.domain}\u0000${cookie.path}\u0000${cookie.key}`;
        if (cookie.expires instanceof Date) this.expiries.set(key, cookie.expires.getTime());
        else if (typeof cookie.maxAge === "number")
          this.expiries.set(key, Number.NEGATIVE_INFINITY); // Max-Age ≤ 0: gone at once
        else this.expiries.delete(key);
      }
    }
    this.cache.clear();
    this.nextExpiryMs = this.earliestExpiry();
  }

  private earliestExpiry(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const e of this.expiries.values()) if (e < min) min = e;
    return min;
  }

  /** The Cookie header value for a request to `url` ("" when none matches). */
  cookieHeader(url: string): string {
    if (this.jar === null) return "";
    const now = Date.now();
    if (now >= this.nextExpiryMs) {
      // tough-cookie compares expiry ≤ now: a cookie expiring now is gone from here on.
      this.cache.clear();
      for (const [k, e] of this.expiries) if (e <= now) this.expiries.delete(k);
      this.nextExpiryMs = this.earliestExpiry();
    }
    let header = this.cache.get(url);
    if (header === undefined) {
      header = this.jar.getCookieStringSync(url);
      if (this.cache.size >= MAX_CACHED_URLS) this.cache.clear();
      this.cache.set(url, header);
    }
    return header;
  }

  /** Forget every cookie (JMeter's "clear cookies each iteration"). */
  clear(): void {
    this.jar = null;
    this.cache.clear();
    this.expiries.clear();
    this.nextExpiryMs = Number.POSITIVE_INFINITY;
  }
}

/** A scenario's own Cookie header and the jar's, in one header (the scenario's first). */
export function mergeCookieHeader(own: string | undefined, fromJar: string): string {
  if (own === undefined || own === "") return fromJar;
  return fromJar === "" ? own : `${own}; ${fromJar}`;
}
