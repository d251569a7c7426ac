import type { Prisma } from "@/lib/db/client";
import { appOrigin } from "./app-origin";
import { enqueueWebhookDeliveries } from "./enqueue-webhook-deliveries";
import { runEventPayloads, type TRunEventInput } from "./event-payloads";

/**
 * The statements that record a run's end for webhooks (run.finished / run.failed /
 * run.threshold_failed), for finalizeRun's transaction: each inserts only if the run really got
 * `run.status` in that transaction.
 */
export function enqueueRunEvents(input: Omit<TRunEventInput, "origin">): Prisma.PrismaPromise<number>[] {
  return runEventPayloads({ ...input, origin: appOrigin() }).map((payload) =>
    enqueueWebhookDeliveries(payload, { onlyIfRunStatus: input.run.status }),
  );
}
