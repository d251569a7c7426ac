import type { TBadgeTone } from "@/app/_components/ui/badge";

/** Problem status by colour (and always by text beside it). */
export const PROBLEM_STATUS_TONE: Record<string, TBadgeTone> = {
  open: "danger",
  in_progress: "warning",
  resolved: "success",
  wont_fix: "neutral",
};
