// The life of one server-action call, without React: an optimistic change, the call, the
// rollback on refusal, and the follow-ups. It never rejects: a lost connection or a failing
// follow-up ends as an ordinary failure, so no form stays pending and no rejection goes
// unhandled. useServerAction is the one client entry point; this module is its core.
import type { ActionResult } from "@/lib/actions/result";

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;

export const UNREACHABLE: ActionFailure = {
  ok: false,
  status: 0,
  error: "The server could not be reached. Check your connection and try again.",
};

/** The action succeeded but what should follow (a navigation, a sign-in) did not. */
export const NOT_SHOWN: ActionFailure = {
  ok: false,
  status: 0,
  error: "The change was saved, but this page could not show it. Reload the page.",
};

/** A refusal in the words a person reads where there is one place for it (a toast): the
 * field's own sentence when the refusal is about a field, never the "field: message" the
 * API reads. */
export function refusalMessage(failure: ActionFailure): string {
  return Object.values(failure.fieldErrors ?? {})[0] ?? failure.error;
}

/** The message for a form's own alert beside its fields. A field's message is shown at the
 * field, so it is not repeated here, neither as it is nor as the "field: message" the API
 * reads; a summary ("Please correct the highlighted fields.") and a refusal about the whole
 * input or none of its fields are. */
export function formMessage(failure: ActionFailure | null): string | null {
  if (!failure) return null;
  const atFields = Object.entries(failure.fieldErrors ?? {}).filter(([field]) => field !== "input");
  const shownAtField = atFields.some(
    ([field, message]) => failure.error === message || failure.error === `${field}: ${message}`,
  );
  return shownAtField ? null : failure.error;
}

/** A 404 or 409: the page showed something that has changed since. */
export function isOutOfDate(failure: ActionFailure): boolean {
  return failure.status === 404 || failure.status === 409;
}

/** Runs a call; a throw or a rejection becomes `failure` instead. */
export async function settle<T>(
  call: () => Promise<ActionResult<T>>,
  failure: ActionFailure = UNREACHABLE,
): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch {
    return failure;
  }
}

/** Undoes an optimistic change; given the refusal, whose details may hold the current state. */
export type Rollback = (failure: ActionFailure) => void;

export type Lifecycle<I, T> = {
  action: (input: I) => Promise<ActionResult<T>>;
  /** Applies the expected outcome at once and returns how to undo it. */
  optimistic?: (input: I) => Rollback;
  onSuccess?: (data: T, input: I) => void | Promise<void>;
  onFailure?: (failure: ActionFailure, input: I) => void;
  /** After either outcome, even when the answer is no longer wanted (cache upkeep). */
  onSettled?: (result: ActionResult<T>, input: I) => void | Promise<void>;
};

/**
 * One call through its lifecycle. `isWanted` says whether the form still waits for this
 * answer (it was not reset meanwhile): an unwanted answer still rolls back and settles, but
 * reports nothing.
 */
export async function runLifecycle<I, T>(
  input: I,
  steps: Lifecycle<I, T>,
  isWanted: () => boolean,
): Promise<ActionResult<T>> {
  const rollback = steps.optimistic?.(input);
  const result = await settle(() => steps.action(input));
  if (!result.ok) rollback?.(result);
  const followed = await settle(async () => {
    if (result.ok && isWanted()) await steps.onSuccess?.(result.data, input);
    await steps.onSettled?.(result, input);
    return result;
  }, NOT_SHOWN);
  // A refusal stays the reason shown, whatever happened after it.
  const outcome = result.ok ? followed : result;
  if (!outcome.ok && isWanted()) steps.onFailure?.(outcome, input);
  return outcome;
}
