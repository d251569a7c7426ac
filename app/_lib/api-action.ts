import { revalidatePath } from "next/cache";
import { describeError } from "@/lib/http/route-helpers";
import type { TActionResult } from "./action-result";

/**
 * The body of an admin or account server action: `work` authorises (requireRole, requireSessionUser
 * — the proxy cannot, an action's id is not bound to its page) and calls the lib operation the
 * matching API route calls; then `paths` are revalidated (["/", "layout"]: every page). A throw comes back as `{ error, issues }`
 * worded as the API words it (the lib's messages, the zod headline "ports.0: Ports are 1–65535"):
 * these forms showed the API's answers before they moved to server actions, and still do.
 */
export async function apiAction<T>(paths: (string | [string, "layout"])[], work: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    const data = await work();
    for (const path of paths) {
      if (typeof path === "string") revalidatePath(path);
      else revalidatePath(...path);
    }
    return { data };
  } catch (error) {
    const { body } = describeError(error);
    return { error: body.error, issues: body.issues };
  }
}
