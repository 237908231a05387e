// Runs once per Next.js server process. NEXT_RUNTIME is not configuration but a constant
// Next.js sets for each runtime (and inlines at build time), so it is read here directly
// rather than through lib/env.ts: the Node.js-only job runner must stay out of any edge bundle.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInProcessJobRunner } = await import("@/lib/jobs/in-process");
    // Not awaited: the server answers requests while the runner connects.
    void startInProcessJobRunner();
  }
}
