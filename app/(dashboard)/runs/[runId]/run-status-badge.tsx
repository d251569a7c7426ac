import { useTranslations } from "next-intl";
import { Badge, RUN_STATUS_TONE } from "@/app/_components/ui/badge";
import type { TRunStatus } from "@/lib/runs/get-run-by-id";

/** Status by colour and text; a running run whose cancel was asked says so. */
export function RunStatusBadge({ status, isCancelling = false }: { status: TRunStatus; isCancelling?: boolean }) {
  const t = useTranslations("runs");
  return (
    <Badge tone={isCancelling ? "warning" : RUN_STATUS_TONE[status]} pulse={status === "running" || status === "queued"}>
      <span data-testid="run-status" data-status={status}>
        {isCancelling && status === "running" ? t("live.cancelling") : t(`status.${status}`)}
      </span>
    </Badge>
  );
}
