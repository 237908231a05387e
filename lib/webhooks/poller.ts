// The in-process sender: every few seconds, one run of deliverDueWebhooks (and the check for
// overdue maintenance lists). It keeps no queue state, only "a run is in progress" so runs
// never overlap; several instances each run one, and the database keeps them apart.
import "server-only";
import { logger } from "@/lib/log";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver";
import { queueOverdueMaintenance } from "@/lib/webhooks/overdue";

export const POLL_INTERVAL_MS = 5_000;

// On globalThis: Next may load this module more than once per process (separate bundles).
const state = globalThis as unknown as { preflightWebhookPoller?: NodeJS.Timeout };

export function startWebhookPoller(intervalMs = POLL_INTERVAL_MS): void {
  if (state.preflightWebhookPoller) return;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await queueOverdueMaintenance();
      const summary = await deliverDueWebhooks();
      if (summary.claimed > 0) logger().info({ webhooks: summary }, "webhook deliveries sent");
    } catch (error) {
      // A database outage must not take the web server down: log, and try again next time.
      logger().error({ err: error }, "webhook delivery run failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  state.preflightWebhookPoller = timer;
  process.once("SIGTERM", stopWebhookPoller);
}

export function stopWebhookPoller(): void {
  if (state.preflightWebhookPoller) clearInterval(state.preflightWebhookPoller);
  state.preflightWebhookPoller = undefined;
}
