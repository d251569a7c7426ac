/**
 * Sends due webhook deliveries (lib/notifications/deliver-due-webhooks.ts) every few seconds
 * while the worker runs. Every worker runs one; the claim in PostgreSQL keeps them from sending a
 * delivery twice. A failing database only logs: the next tick tries again.
 */
import { deliverDueWebhooks } from "../notifications/deliver-due-webhooks";

/** A notification goes out within this of the event: fast enough for a chat, idle otherwise. */
export const WEBHOOK_POLL_MS = 2000;

export function startWebhookLoop(o: { signal: AbortSignal; log: (message: string) => void; intervalMs?: number }): Promise<void> {
  const interval = o.intervalMs ?? WEBHOOK_POLL_MS;
  return (async () => {
    while (!o.signal.aborted) {
      try {
        // Drain what is due, a batch at a time, before sleeping.
        for (;;) {
          const r = await deliverDueWebhooks();
          if (r.attempted > 0) o.log(`webhooks: ${r.delivered} delivered, ${r.retrying} to retry, ${r.failed} failed`);
          if (r.attempted === 0 || o.signal.aborted) break;
        }
      } catch (error) {
        o.log(`webhooks: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        o.signal.addEventListener(
          "abort",
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  })();
}
