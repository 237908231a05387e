// Who is acting on whose behalf, for the audit events written while a request runs: an API
// token acts as its creator, and every event its request writes carries the token's label,
// in the same transaction as the change (AsyncLocalStorage, so domain functions need no
// extra parameter).
import { AsyncLocalStorage } from "node:async_hooks";

const actingAs = new AsyncLocalStorage<string>();

/** Runs `task` with every audit event it records labelled `label` (unless it names its own). */
export function withAuditLabel<T>(label: string, task: () => Promise<T>): Promise<T> {
  return actingAs.run(label, task);
}

export function currentAuditLabel(): string | undefined {
  return actingAs.getStore();
}
