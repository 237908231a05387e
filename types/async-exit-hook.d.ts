declare module "async-exit-hook" {
  type Hook = (done?: () => void) => void;
  interface AsyncExitHook {
    (hook: Hook): void;
    unhookEvent(event: string): void;
    hookedEvents(): string[];
    /** How long async hooks may take before the process exits anyway (10 s by default). */
    forceExitTimeout(ms: number): void;
  }
  const asyncExitHook: AsyncExitHook;
  export default asyncExitHook;
}
