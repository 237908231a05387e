"use client";
// A form's submit path: read the fields, validate them with the action's own zod schema
// (field errors at once, no round trip), then call the action through useServerAction.
import type { FormEvent } from "react";
import type { z } from "zod";
import { formFields, type FormFields } from "@/components/ui/form-fields";
import { useServerAction, type ServerActionOptions } from "@/components/ui/use-server-action";
import { fieldErrorsOf } from "@/lib/actions/field-errors";

type Options<S extends z.ZodType, T> = ServerActionOptions<z.infer<S>, T> & {
  schema: S;
  /** The schema's input, from the submitted fields. */
  read: (fields: FormFields) => unknown;
  /** Clear the form after a success, ready for the next entry. */
  resetOnSuccess?: boolean;
  /** What the message says when validation fails: "highlight" (the default) where each field
   * shows its own message, "first" (the first problem itself) where the form has one message. */
  invalidMessage?: "highlight" | "first";
};

export function useServerForm<S extends z.ZodType, T>({
  schema,
  read,
  resetOnSuccess = false,
  invalidMessage = "highlight",
  ...options
}: Options<S, T>) {
  const action = useServerAction(options);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = schema.safeParse(read(formFields(form)));
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error);
      const first = Object.values(fieldErrors)[0];
      action.reject(
        invalidMessage === "first" && first ? first : "Please correct the highlighted fields.",
        fieldErrors,
      );
      return;
    }
    void action.run(parsed.data).then((result) => {
      if (result.ok && resetOnSuccess) form.reset();
    });
  }

  return { ...action, onSubmit };
}
