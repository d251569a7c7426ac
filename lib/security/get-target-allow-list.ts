import { prisma } from "../db/client";
import { DEFAULT_TARGET_ALLOW_LIST, TARGET_ALLOW_LIST_SETTING, ZTargetAllowList, type TTargetAllowList } from "./target-allow-list";

/** The current allow-list; the loopback-only default when unset (or, defensively, unreadable). */
export async function getTargetAllowList(): Promise<TTargetAllowList> {
  const row = await prisma.setting.findUnique({ where: { key: TARGET_ALLOW_LIST_SETTING } });
  if (!row) return DEFAULT_TARGET_ALLOW_LIST;
  const parsed = ZTargetAllowList.safeParse(row.value);
  if (!parsed.success) {
    console.error(`[security] Setting ${TARGET_ALLOW_LIST_SETTING} is invalid; using loopback only`);
    return DEFAULT_TARGET_ALLOW_LIST;
  }
  return parsed.data;
}
