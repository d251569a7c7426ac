import { getAuth } from "@/lib/auth/auth";
import { usesSecureCookies } from "@/lib/auth/public-origin";

export const dynamic = "force-dynamic";

/**
 * better-auth's endpoints (sign-in, sign-out, session, password change …), rate limited by it. The
 * session cookie is Secure when the site is reached over HTTPS (or its public URL is https), so
 * sign-in also works over plain HTTP on a LAN name.
 */
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth(usesSecureCookies(request));
  return auth.handler(request);
}

export const GET = handle;
export const POST = handle;
