"use client";
// The one way a client component calls a server action. It keeps the pending state and the
// server's refusal (the message for an aria-live alert, the field errors for the fields),
// toasts a success, and refreshes the server-rendered page after a success and after a 404
// or 409 (the page was out of date). An optimistic change shows at once and is rolled back
// on refusal. Built on React state rather than TanStack's useMutation so that a form needs
// no query client (and renders on the server in markup tests); the checklist keeps its data
// in TanStack Query and ties its cache in through `optimistic` and `onSettled`.
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { toast } from "sonner";
import {
  formMessage,
  isOutOfDate,
  refusalMessage,
  runLifecycle,
  type ActionFailure,
  type Lifecycle,
} from "@/components/ui/server-action";
import type { ActionResult } from "@/lib/actions/result";
import type { FieldErrors } from "@/lib/errors";

export type ServerActionOptions<I, T> = Lifecycle<I, T> & {
  /** The success toast. */
  success?: string | ((data: T, input: I) => string);
  /** Refresh the server-rendered page after a success and after a 404/409 (the default).
   * Off where the data lives in a query, or where unsaved edits must outlast a conflict. */
  refresh?: boolean;
  /** A success opens another page: stay pending until it does, so nothing is sent twice. */
  leavesPage?: boolean;
  /** Show a refusal as a toast as well: for a button with no room for a message beside it.
   * A refusal about a field toasts the field's own sentence. */
  toastFailure?: boolean;
};

export function useServerAction<I = void, T = unknown>(options: ServerActionOptions<I, T>) {
  const router = useRouter();
  const [calls, setCalls] = useState<readonly { input: I }[]>([]);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  const [leaving, setLeaving] = useState(false);
  // Bumped by reset(): answers to calls made before it no longer touch the form.
  const generation = useRef(0);

  /** Calls the action; resolves with its result and never rejects. */
  async function run(input: I): Promise<ActionResult<T>> {
    const { success, refresh = true, leavesPage = false, toastFailure = false } = options;
    const call = { input };
    const started = generation.current;
    setCalls((current) => [...current, call]);
    const result = await runLifecycle(
      input,
      {
        action: options.action,
        optimistic: options.optimistic,
        onSettled: options.onSettled,
        onSuccess: async (data, given) => {
          setFailure(null);
          if (leavesPage) setLeaving(true);
          if (success) toast.success(typeof success === "string" ? success : success(data, given));
          await options.onSuccess?.(data, given);
          if (refresh && !leavesPage) router.refresh();
        },
        onFailure: (refusal, given) => {
          setLeaving(false);
          setFailure(refusal);
          if (toastFailure) toast.error(refusalMessage(refusal));
          if (refresh && isOutOfDate(refusal)) router.refresh();
          options.onFailure?.(refusal, given);
        },
      },
      () => started === generation.current,
    );
    setCalls((current) => current.filter((other) => other !== call));
    return result;
  }

  /** Shows a failure found before calling (client-side validation) as a refusal is shown. */
  function reject(message: string, fieldErrors?: FieldErrors) {
    setFailure({ ok: false, status: 400, error: message, ...(fieldErrors ? { fieldErrors } : {}) });
  }

  /** Forgets the failure shown and any answer still on its way (the input changed). */
  function reset() {
    generation.current += 1;
    setCalls([]);
    setFailure(null);
    setLeaving(false);
  }

  const fieldErrors: FieldErrors = failure?.fieldErrors ?? {};
  return {
    run,
    reject,
    reset,
    pending: calls.length > 0 || leaving,
    /** The inputs of the calls on their way, oldest first. */
    inFlight: calls.map((call) => call.input),
    failure,
    error: failure?.error ?? null,
    /** The message for the form's alert: the refusal, unless a field already shows it. */
    formError: formMessage(failure),
    /** The refusal in words where no field shows it (a field's own sentence, never its name). */
    message: failure ? refusalMessage(failure) : null,
    fieldErrors,
  };
}
