import { recordAudit } from "../audit/record-audit";
import { prisma } from "../db/client";
import { TARGET_ALLOW_LIST_SETTING, ZTargetAllowList, type TTargetAllowList } from "./target-allow-list";

/** Replaces the allow-list (admin). Duplicates are dropped; the change is audited. */
export async function updateTargetAllowList(input: unknown): Promise<TTargetAllowList> {
  const parsed = ZTargetAllowList.parse(input);
  const value: TTargetAllowList = {
    hosts: [...new Set(parsed.hosts)],
    cidrs: [...new Set(parsed.cidrs)],
    ports: [...new Set(parsed.ports)].sort((a, b) => a - b),
  };
  await prisma.setting.upsert({
    where: { key: TARGET_ALLOW_LIST_SETTING },
    create: { key: TARGET_ALLOW_LIST_SETTING, value },
    update: { value },
  });
  await recordAudit({
    action: "settings.targetAllowList.update",
    targetType: "setting",
    targetId: TARGET_ALLOW_LIST_SETTING,
    details: value,
  });
  return value;
}
