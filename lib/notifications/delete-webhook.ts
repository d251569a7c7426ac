import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { AppError, AppErrorCode } from "@/lib/errors";

/** Removes a webhook and its delivery log (admin, audited). */
export async function deleteWebhook(id: string): Promise<void> {
  const { count } = await prisma.webhook.deleteMany({ where: { id } });
  if (count === 0) throw new AppError(AppErrorCode.NOT_FOUND, "Webhook not found.");
  await recordAudit({ action: "webhook.delete", targetType: "webhook", targetId: id });
}
