import type { TBadgeTone } from "@/app/_components/ui/badge";

/** Problem status by colour (and always by text beside it). */
export const PROBLEM_STATUS_TONE: Record<string, TBadgeTone> = {
  open: "danger",
  in_progress: "warning",
  resolved: "success",
  wont_fix: "neutral",
};

/** Problem severity by colour (the Problems page and the report use the same). */
export const PROBLEM_SEVERITY_TONE: Record<string, TBadgeTone> = {
  critical: "danger",
  major: "warning",
  minor: "neutral",
  trivial: "neutral",
};
