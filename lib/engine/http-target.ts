// Target safety: which hosts and ports the engine may connect to (asked on every connection and
// redirect hop, see http.ts).

/** A target verdict: true = allowed; false = refused (a generic message); a string = refused, saying this. */
export type TTargetVerdict = boolean | string;

/**
 * Decides whether the engine may connect to `host` resolved to `resolvedAddress`, on `port` (given
 * on every connection and redirect hop). `beforeLookup`, when the hook has it, judges the name
 * alone before any DNS lookup: a refusal there costs no lookup and is not a DNS error; `true`
 * means "look it up and ask again with the address" (a list of address ranges must resolve).
 */
export type TAllowTarget = ((host: string, resolvedAddress: string, port?: number) => TTargetVerdict | Promise<TTargetVerdict>) & {
  beforeLookup?: (host: string, port: number) => TTargetVerdict | Promise<TTargetVerdict>;
};

/** 127.0.0.0/8 and ::1 (and ::ffff:127.x) only, as a boolean (composed into other hooks). */
export const allowLoopbackOnly = (_host: string, address: string): boolean =>
  /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1" || /^::ffff:127\./i.test(address);

/** The CLI's and tests' default hook: loopback only, and a refusal that says so. */
export const loopbackTargetsOnly: TAllowTarget = (host, address) =>
  allowLoopbackOnly(host, address) ||
  `target ${host} (${address}) is not allowed: only loopback targets (127.0.0.0/8, ::1) are allowed here`;

export class TargetNotAllowedError extends Error {
  readonly code = "MP_TARGET_NOT_ALLOWED";
  /** `reason`: the hook's own sentence; without one, a generic refusal naming host and address. */
  constructor(host: string, address: string | undefined, reason?: string) {
    super(reason ?? `target ${host}${address !== undefined ? ` (${address})` : ""} is not allowed by the target allow-list`);
  }
}
