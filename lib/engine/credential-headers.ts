/**
 * Header names whose values are credentials: never sent to another origin on a redirect (vu.ts)
 * and masked wherever headers are shown or exported (lib/security/mask-secrets.ts). One list, so
 * a header the UI hides is also one the engine does not hand to a third party.
 */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token)$|token|secret|password|passwd|api[-_]?key|session|signature|credential/i;

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER.test(name);
}
