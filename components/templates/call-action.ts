import type { ActionResult } from "@/lib/actions/result";

/** Runs a server action; a lost connection becomes an ordinary failure instead of a stuck "pending" state. */
export async function callAction<T>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, status: 0, error: "The server could not be reached. Check your connection and try again." };
  }
}
