"use client";

// Runs a server action from a form or button: pending state, the error to show inline (with
// field errors for aria-describedby), a success toast, and a refresh so the server-rendered
// page shows the new state. A 404 or 409 refreshes too: the page was out of date.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { callAction } from "@/components/templates/call-action";
import type { ActionResult } from "@/lib/actions/result";

export function useAction() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  async function run<T>(
    action: () => Promise<ActionResult<T>>,
    success: string | ((data: T) => string),
  ): Promise<boolean> {
    setPending(true);
    const result = await callAction(action);
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
      if (result.status === 404 || result.status === 409) router.refresh();
      return false;
    }
    setError(null);
    setFieldErrors({});
    toast.success(typeof success === "string" ? success : success(result.data));
    router.refresh();
    return true;
  }

  /** Shows a client-side validation failure the same way as a server one. */
  function reject(message: string, fields: Record<string, string> = {}) {
    setError(message);
    setFieldErrors(fields);
  }

  return { run, reject, pending, error, fieldErrors };
}
