"use client";
// The submit path every create/edit form shares: read the form, validate it with the same
// zod schema the server uses (field errors at once, no round trip), call the server action,
// show its field errors or message, and hand the result on. One place for the states.
import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { callAction } from "@/components/templates/call-action";
import { fieldErrorsOf } from "@/lib/actions/field-errors";
import type { ActionResult } from "@/lib/actions/result";

type Options<S extends z.ZodType, T> = {
  schema: S;
  /** The schema's input, read from the submitted form. */
  read: (fields: FormData) => unknown;
  action: (input: z.infer<S>) => Promise<ActionResult<T>>;
  /** Called with the action's result, the form and the validated input; the form stays
   * disabled while a promise it returns is pending. */
  onSuccess: (data: T, form: HTMLFormElement, input: z.infer<S>) => void | Promise<void>;
  /** Success opens another page: the form stays disabled until it does (no second submit). */
  leavesPage?: boolean;
};

export function useFormAction<S extends z.ZodType, T>({
  schema,
  read,
  action,
  onSuccess,
  leavesPage = false,
}: Options<S, T>) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = schema.safeParse(read(new FormData(form)));
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Please correct the highlighted fields.");
      return;
    }
    setPending(true);
    const result = await callAction(() => action(parsed.data));
    if (!result.ok) {
      setPending(false);
      setErrors(result.fieldErrors ?? {});
      setMessage(result.error);
      return;
    }
    setErrors({});
    setMessage(null);
    try {
      await onSuccess(result.data, form, parsed.data);
    } catch (error) {
      setPending(false);
      throw error;
    }
    if (!leavesPage) setPending(false);
  }

  return { errors, message, setMessage, pending, setPending, onSubmit };
}
