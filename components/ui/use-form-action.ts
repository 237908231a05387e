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
  onSuccess: (data: T, form: HTMLFormElement) => void;
};

export function useFormAction<S extends z.ZodType, T>({ schema, read, action, onSuccess }: Options<S, T>) {
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
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? (result.details?.fieldErrors as Record<string, string> | undefined) ?? {});
      setMessage(result.error);
      return;
    }
    setErrors({});
    setMessage(null);
    onSuccess(result.data, form);
  }

  return { errors, message, setMessage, pending, setPending, onSubmit };
}
