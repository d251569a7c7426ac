import { getAuth } from "@/lib/auth/auth";

export const dynamic = "force-dynamic";

/** better-auth's endpoints (sign-in, sign-out, session, password change …), rate limited by it. */
async function handle(request: Request): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(request);
}

export const GET = handle;
export const POST = handle;
