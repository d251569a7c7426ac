import { recordAudit } from "@/lib/audit/record-audit";
import { consumeSetupToken, restoreSetupToken } from "@/lib/auth/setup-token";
import { createUser } from "@/lib/auth/create-user";
import { countUsers } from "@/lib/auth/find-users";
import { AppError, AppErrorCode } from "@/lib/errors";
import { ZSetupBody } from "@/lib/http/request-schemas";
import { created, readJsonBody, withRoute } from "@/lib/http/route-helpers";

export const dynamic = "force-dynamic";

/**
 * POST /api/setup — public, but only with the one-time token `npm start` printed, and only while no
 * account exists: creates the first admin. The page then signs in through /api/auth/sign-in/email.
 */
export const POST = withRoute(async (request) => {
  const input = ZSetupBody.parse(await readJsonBody(request, 16 * 1024));
  if ((await countUsers()) > 0) throw new AppError(AppErrorCode.CONFLICT, "Musterpoint is already set up; sign in instead.");
  if (!(await consumeSetupToken(input.token))) {
    throw new AppError(
      AppErrorCode.FORBIDDEN,
      "This set-up link is not valid (already used, or replaced by a newer one printed at start).",
    );
  }
  try {
    const user = await createUser({ email: input.email, name: input.name, password: input.password, role: "admin" });
    await recordAudit({
      action: "user.create",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, role: "admin", via: "setup link" },
    });
    return created({ id: user.id, email: user.email });
  } catch (error) {
    await restoreSetupToken(input.token);
    throw error;
  }
});
