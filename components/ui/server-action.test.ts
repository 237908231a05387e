import { describe, expect, it, vi } from "vitest";
import {
  formMessage,
  NOT_SHOWN,
  refusalMessage,
  runLifecycle,
  UNREACHABLE,
  type ActionFailure,
} from "@/components/ui/server-action";
import type { ActionResult } from "@/lib/actions/result";
import { invalidField, invalidInput, type AppError } from "@/lib/errors";

const wanted = () => true;

function steps<T>(action: () => Promise<ActionResult<T>>) {
  const rollback = vi.fn<(failure: ActionFailure) => void>();
  return {
    rollback,
    lifecycle: {
      action,
      optimistic: vi.fn(() => rollback),
      onSuccess: vi.fn<(data: T) => void | Promise<void>>(),
      onFailure: vi.fn<(failure: ActionFailure) => void>(),
      onSettled: vi.fn(),
    },
  };
}

describe("runLifecycle", () => {
  it("turns a lost connection into an ordinary failure: rolled back, reported, settled", async () => {
    const { lifecycle, rollback } = steps(() => Promise.reject(new TypeError("Failed to fetch")));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual(UNREACHABLE);
    expect(lifecycle.optimistic).toHaveBeenCalledWith("input");
    expect(rollback).toHaveBeenCalledWith(UNREACHABLE);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(UNREACHABLE, "input");
    expect(lifecycle.onSuccess).not.toHaveBeenCalled();
    expect(lifecycle.onSettled).toHaveBeenCalledWith(UNREACHABLE, "input");
  });

  it("treats an action that throws before it returns a promise the same way", async () => {
    const { lifecycle } = steps((): Promise<ActionResult<never>> => {
      throw new Error("serialisation failed");
    });
    await expect(runLifecycle(undefined, lifecycle, wanted)).resolves.toEqual(UNREACHABLE);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(UNREACHABLE, undefined);
  });

  it("hands the server's refusal, with its details, to the rollback and the report", async () => {
    const refusal: ActionFailure = {
      ok: false,
      status: 409,
      error: "Someone else changed this item.",
      details: { current: { version: 3 } },
    };
    const { lifecycle, rollback } = steps(() => Promise.resolve(refusal));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toBe(refusal);
    expect(rollback).toHaveBeenCalledWith(refusal);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(refusal, "input");
  });

  it("keeps a success: no rollback, the follow-up awaited before it resolves", async () => {
    let followedUp = false;
    const { lifecycle, rollback } = steps(() => Promise.resolve({ ok: true as const, data: 7 }));
    lifecycle.onSuccess.mockImplementation(async () => {
      await Promise.resolve();
      followedUp = true;
    });
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual({ ok: true, data: 7 });
    expect(followedUp).toBe(true);
    expect(rollback).not.toHaveBeenCalled();
    expect(lifecycle.onFailure).not.toHaveBeenCalled();
  });

  it("reports a follow-up that fails after a success, without undoing the saved change", async () => {
    const { lifecycle, rollback } = steps(() => Promise.resolve({ ok: true as const, data: 1 }));
    lifecycle.onSuccess.mockRejectedValue(new Error("sign-in unreachable"));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toEqual(NOT_SHOWN);
    expect(rollback).not.toHaveBeenCalled();
    expect(lifecycle.onFailure).toHaveBeenCalledWith(NOT_SHOWN, "input");
  });

  it("keeps the refusal as the reason when the upkeep after it fails too", async () => {
    const refusal: ActionFailure = { ok: false, status: 403, error: "You may not do this." };
    const { lifecycle } = steps(() => Promise.resolve(refusal));
    lifecycle.onSettled.mockRejectedValue(new Error("refetch failed"));
    await expect(runLifecycle("input", lifecycle, wanted)).resolves.toBe(refusal);
    expect(lifecycle.onFailure).toHaveBeenCalledWith(refusal, "input");
  });

  it("still rolls back and settles an answer nobody waits for, but reports nothing", async () => {
    const { lifecycle, rollback } = steps(() => Promise.reject(new Error("offline")));
    await expect(runLifecycle("input", lifecycle, () => false)).resolves.toEqual(UNREACHABLE);
    expect(rollback).toHaveBeenCalledWith(UNREACHABLE);
    expect(lifecycle.onSettled).toHaveBeenCalled();
    expect(lifecycle.onFailure).not.toHaveBeenCalled();

    const succeeded = steps(() => Promise.resolve({ ok: true as const, data: 1 }));
    await runLifecycle("input", succeeded.lifecycle, () => false);
    expect(succeeded.lifecycle.onSuccess).not.toHaveBeenCalled();
  });
});

/** A refusal as an action returns it for a domain function's AppError (lib/actions/result.ts). */
function refusalOf(error: AppError): ActionFailure {
  return { ok: false, status: error.status, error: error.message, fieldErrors: error.fieldErrors };
}

describe("the words a refusal is shown in", () => {
  const nextReview = refusalOf(invalidInput({ nextReviewAt: "The next review must be in the future." }));
  const comment = refusalOf(invalidInput({ comment: "Say what must change before this can be approved." }));

  it("toasts a field's own sentence, never the field's name the API reads", () => {
    expect(nextReview.error).toBe("nextReviewAt: The next review must be in the future.");
    expect(refusalMessage(nextReview)).toBe("The next review must be in the future.");
    expect(refusalMessage(comment)).toBe("Say what must change before this can be approved.");
    const two = refusalOf(invalidInput({ version: "is required", service: "is too long" }));
    expect(refusalMessage(two)).toBe("is required");
  });

  it("toasts a refusal about no field, or about the whole input, as it is", () => {
    expect(refusalMessage({ ok: false, status: 409, error: "This deployment is already signed off." })).toBe(
      "This deployment is already signed off.",
    );
    expect(refusalMessage(refusalOf(invalidInput({ input: "The input is invalid." })))).toBe("The input is invalid.");
  });

  it("leaves a form's alert empty while the field shows the message, in either shape", () => {
    expect(formMessage(nextReview)).toBeNull();
    expect(formMessage(refusalOf(invalidField("ownerId", "The owner must be an active user.")))).toBeNull();
    // useServerForm's "first" mode: the first field's message as the form's message.
    expect(
      formMessage({ ok: false, status: 400, error: "is required", fieldErrors: { version: "is required" } }),
    ).toBeNull();
  });

  it("keeps a summary, a refusal about the whole input and one about no field in the alert", () => {
    const summary: ActionFailure = {
      ok: false,
      status: 400,
      error: "Please correct the highlighted fields.",
      fieldErrors: { service: "is required", version: "is required" },
    };
    expect(formMessage(summary)).toBe("Please correct the highlighted fields.");
    expect(formMessage(refusalOf(invalidInput({ input: "The input is invalid." })))).toBe("The input is invalid.");
    expect(formMessage({ ok: false, status: 403, error: "You may not do this." })).toBe("You may not do this.");
    expect(formMessage(null)).toBeNull();
  });
});
