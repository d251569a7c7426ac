"use server";

import type { TActionResult } from "@/app/_lib/action-result";
import { apiAction } from "@/app/_lib/api-action";
import { requireRole } from "@/lib/auth/require-role";
import { ZTimeZoneBody } from "@/lib/http/request-schemas";
import type { TTargetAllowList } from "@/lib/security/target-allow-list";
import { updateTargetAllowList } from "@/lib/security/update-target-allow-list";
import type { TDisplayTimeZone } from "@/lib/settings/get-display-time-zone";
import { setDisplayTimeZone } from "@/lib/settings/set-display-time-zone";

/** Admin → Settings, as PUT /api/admin/settings/{target-allow-list,display-time-zone} do it: admin only, audited in lib. */

/** { hosts, cidrs, ports }, replacing the list. */
export async function updateTargetAllowListAction(input: unknown): Promise<TActionResult<TTargetAllowList>> {
  return apiAction(["/admin/settings"], async () => {
    await requireRole("admin");
    return updateTargetAllowList(input);
  });
}

/** { timeZone: "Asia/Shanghai" | null } — null: the server's TZ. Every page shows times in it. */
export async function setInstallationTimeZoneAction(input: unknown): Promise<TActionResult<TDisplayTimeZone>> {
  return apiAction([["/", "layout"]], async () => {
    await requireRole("admin");
    return setDisplayTimeZone(ZTimeZoneBody.parse(input).timeZone);
  });
}
